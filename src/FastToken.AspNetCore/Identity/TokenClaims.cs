using System.Buffers;
using System.Buffers.Text;
using System.Security.Claims;
using System.Text;
using System.Text.Json;

namespace FastToken.AspNetCore;

/// <summary>
/// Turns the claims set of a validated JWS into <see cref="Claim"/> objects, named as in the
/// token (no mapping to legacy claim URIs).
/// </summary>
/// <remarks>
/// A string, number or boolean becomes one claim; an array becomes one claim per element; an
/// object, or an array nested in an array, becomes one claim holding its JSON text with the
/// value type <c>JSON</c>; <c>null</c> becomes nothing. The issuer of every claim is the
/// token's <c>iss</c>.
/// </remarks>
internal static class TokenClaims
{
    /// <summary>The value type of a claim that holds JSON text.</summary>
    public const string JsonValueType = "JSON";

    private const int MaxStackDecode = 1024;

    private static ReadOnlySpan<byte> IssuerName => "iss"u8;

    /// <summary>Reads the claims of <paramref name="token"/>, which must have been validated.</summary>
    /// <returns>The claims, each with <paramref name="subject"/> as its subject; empty if the
    /// payload cannot be read, which a validated token rules out.</returns>
    public static List<Claim> Read(ReadOnlySpan<char> token, ClaimsIdentity subject)
    {
        List<Claim> claims = [];

        // RFC 7515 §7.1: the payload is the second of three base64url segments.
        int firstDot = token.IndexOf('.');
        int secondDot = firstDot < 0 ? -1 : token[(firstDot + 1)..].IndexOf('.');
        if (secondDot < 0)
        {
            return claims;
        }

        ReadOnlySpan<char> encoded = token.Slice(firstDot + 1, secondDot);
        int maxLength = Base64Url.GetMaxDecodedLength(encoded.Length);
        byte[]? rented = null;
        Span<byte> buffer = maxLength <= MaxStackDecode
            ? stackalloc byte[MaxStackDecode]
            : (rented = ArrayPool<byte>.Shared.Rent(maxLength));

        try
        {
            if (Base64Url.DecodeFromChars(encoded, buffer, out _, out int written) != OperationStatus.Done)
            {
                return claims;
            }

            ReadOnlySpan<byte> payload = buffer[..written];
            string issuer = FindIssuer(payload) ?? ClaimsIdentity.DefaultIssuer;
            AddAll(payload, issuer, subject, claims);
            return claims;
        }
        catch (JsonException)
        {
            // The validator parsed this payload already; this only guards the impossible.
            claims.Clear();
            return claims;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
            }
        }
    }

    private static string? FindIssuer(ReadOnlySpan<byte> payload)
    {
        Utf8JsonReader reader = new(payload);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isIssuer = reader.ValueTextEquals(IssuerName);
            reader.Read();
            if (isIssuer && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            reader.Skip();
        }

        return null;
    }

    private static void AddAll(ReadOnlySpan<byte> payload, string issuer, ClaimsIdentity subject, List<Claim> claims)
    {
        Utf8JsonReader reader = new(payload);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string type = reader.GetString()!;
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    AddValue(ref reader, payload, type, issuer, subject, claims);
                }

                continue;
            }

            AddValue(ref reader, payload, type, issuer, subject, claims);
        }
    }

    private static void AddValue(
        ref Utf8JsonReader reader,
        ReadOnlySpan<byte> payload,
        string type,
        string issuer,
        ClaimsIdentity subject,
        List<Claim> claims)
    {
        string value;
        string valueType;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                value = reader.GetString()!;
                valueType = ClaimValueTypes.String;
                break;
            case JsonTokenType.Number:
                value = Encoding.UTF8.GetString(reader.ValueSpan);
                valueType = reader.TryGetInt64(out _)
                    ? ClaimValueTypes.Integer64
                    : ClaimValueTypes.Double;
                break;
            case JsonTokenType.True:
            case JsonTokenType.False:
                // As written in the token: "true" or "false".
                value = reader.GetBoolean() ? "true" : "false";
                valueType = ClaimValueTypes.Boolean;
                break;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                int end = (int)reader.BytesConsumed;
                value = Encoding.UTF8.GetString(payload[start..end]);
                valueType = JsonValueType;
                break;
            default:
                return;
        }

        claims.Add(new Claim(type, value, valueType, issuer, issuer, subject));
    }
}
