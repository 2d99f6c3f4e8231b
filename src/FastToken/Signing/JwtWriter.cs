using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FastToken.Keys;

namespace FastToken;

/// <summary>
/// Signs compact JWTs. Meant for development, tests and the <c>fasttoken mint</c> command;
/// it allocates freely and is not tuned, unlike the validator.
/// </summary>
public static class JwtWriter
{
    /// <summary>Creates a signed token from a claims set given as JSON.</summary>
    /// <param name="key">A private (or symmetric) key that fits <paramref name="algorithm"/>.</param>
    /// <param name="algorithm">The algorithm.</param>
    /// <param name="claimsJson">The claims set: a JSON object.</param>
    /// <param name="type">
    /// The header <c>typ</c>, e.g. <c>JWT</c> or <c>at+jwt</c>; <see langword="null"/> omits
    /// it.
    /// </param>
    /// <returns>The compact token.</returns>
    /// <exception cref="ArgumentException">The claims are not a JSON object.</exception>
    /// <exception cref="InvalidOperationException">The key cannot sign with this algorithm.</exception>
    public static string Create(JsonWebKey key, JwtAlgorithm algorithm, string claimsJson, string? type = "JWT")
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(claimsJson);
        using (JsonDocument claims = JsonDocument.Parse(claimsJson))
        {
            if (claims.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("The claims must be a JSON object.", nameof(claimsJson));
            }
        }

        using MemoryStream header = new();
        // The default encoder escapes '+' for HTML safety, writing "at\u002Bjwt"; a JOSE header
        // is never embedded in HTML, so the relaxed encoder writes media types as people read them.
        JsonWriterOptions relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (Utf8JsonWriter w = new(header, relaxed))
        {
            w.WriteStartObject();
            w.WriteString("alg", JwtAlgorithms.GetName(algorithm));
            if (type is not null)
            {
                w.WriteString("typ", type);
            }

            if (key.KeyId is not null)
            {
                w.WriteString("kid", key.KeyId);
            }

            w.WriteEndObject();
        }

        return CreateFromParts(key, algorithm, header.ToArray(), Encoding.UTF8.GetBytes(claimsJson));
    }

    /// <summary>Signs an exact header and payload, byte for byte. Tests use it to build hostile tokens.</summary>
    /// <param name="key">The key.</param>
    /// <param name="algorithm">The algorithm to sign with (the header is not checked against it).</param>
    /// <param name="header">The header bytes.</param>
    /// <param name="payload">The payload bytes.</param>
    /// <returns>The compact token.</returns>
    public static string CreateFromParts(
        JsonWebKey key,
        JwtAlgorithm algorithm,
        ReadOnlySpan<byte> header,
        ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(key);
        string signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload);
        byte[] signature = key.Sign(algorithm, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }
}
