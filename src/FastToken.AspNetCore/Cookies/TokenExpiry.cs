using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace FastToken.AspNetCore;

/// <summary>Reads the <c>exp</c> of a compact JWS without verifying it, to size a cookie's lifetime.</summary>
internal static class TokenExpiry
{
    private static ReadOnlySpan<byte> ExpirationName => "exp"u8;

    /// <summary>
    /// The token's <c>exp</c>, or <see langword="null"/> when it has none or is not a JWS whose
    /// payload is a JSON object; never throws.
    /// </summary>
    public static DateTimeOffset? Read(ReadOnlySpan<char> token)
    {
        int firstDot = token.IndexOf('.');
        int secondDot = firstDot < 0 ? -1 : token[(firstDot + 1)..].IndexOf('.');
        if (secondDot < 0)
        {
            return null;
        }

        ReadOnlySpan<char> encoded = token.Slice(firstDot + 1, secondDot);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(encoded.Length));
        try
        {
            if (Base64Url.DecodeFromChars(encoded, buffer, out _, out int written) != OperationStatus.Done)
            {
                return null;
            }

            Utf8JsonReader reader = new(buffer.AsSpan(0, written));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isExpiration = reader.ValueTextEquals(ExpirationName);
                reader.Read();
                if (isExpiration)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double seconds)
                        && seconds is >= 0 and < 253402300800
                        ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
                        : null;
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
