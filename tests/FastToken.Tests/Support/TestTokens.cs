using System.Buffers.Text;
using System.Text;
using FastToken.Keys;

namespace FastToken.Tests.Support;

/// <summary>
/// Builds tokens the way an issuer (or an attacker) would, byte for byte, and the validator
/// a service would run, on a fixed clock.
/// </summary>
internal static class TestTokens
{
    /// <summary>The fixed "now" of every test, in seconds since the epoch.</summary>
    public const long Now = 1_700_000_000;

    public const string Issuer = "https://issuer.example.com";

    public const string Audience = "api://orders";

    /// <summary>A realistic access token payload: about ten claims, the registered ones included.</summary>
    public static string Claims(long now = Now, string subject = "user-12345") =>
        $"{{\"iss\":\"{Issuer}\",\"sub\":\"{subject}\",\"aud\":[\"{Audience}\",\"api://billing\"]," +
        $"\"exp\":{now + 3600},\"nbf\":{now - 60},\"iat\":{now - 60}," +
        "\"jti\":\"b6f0c2e4-8a1d-4f3e-9c5b-2d7e8f1a3b4c\",\"scope\":\"orders.read orders.write\"," +
        "\"roles\":[\"admin\",\"reader\"],\"client_id\":\"web-app\",\"tenant\":\"contoso\"}";

    /// <summary>A header with <c>alg</c>, <c>typ</c> and the key's <c>kid</c>.</summary>
    public static string Header(JwtAlgorithm algorithm, string? keyId, string? type = "at+jwt")
    {
        StringBuilder header = new($"{{\"alg\":\"{algorithm}\"");
        if (type is not null)
        {
            header.Append($",\"typ\":\"{type}\"");
        }

        if (keyId is not null)
        {
            header.Append($",\"kid\":\"{keyId}\"");
        }

        return header.Append('}').ToString();
    }

    /// <summary>A valid token for <paramref name="algorithm"/> with the standard claims.</summary>
    public static string Valid(JwtAlgorithm algorithm = JwtAlgorithm.HS256, string? claims = null)
    {
        JsonWebKey key = TestKeys.For(algorithm);
        return Sign(key, algorithm, Header(algorithm, key.KeyId), claims ?? Claims());
    }

    /// <summary>A valid token for <paramref name="subject"/>, otherwise with the standard claims.</summary>
    public static string ValidFor(string subject, JwtAlgorithm algorithm = JwtAlgorithm.HS256) =>
        Valid(algorithm, Claims(subject: subject));

    /// <summary>Signs a header with the standard claims, using the key for <paramref name="algorithm"/>.</summary>
    public static string SignHeader(string header, JwtAlgorithm algorithm = JwtAlgorithm.HS256) =>
        Sign(algorithm, header, Claims());

    /// <summary>Signs the standard claims with <paramref name="key"/>, naming <paramref name="keyId"/>.</summary>
    public static string SignWithKid(JsonWebKey key, JwtAlgorithm algorithm, string? keyId) =>
        Sign(key, algorithm, Header(algorithm, keyId), Claims());

    /// <summary>Signs exact header and payload text with the key for <paramref name="algorithm"/>.</summary>
    public static string Sign(JwtAlgorithm algorithm, string header, string payload) =>
        Sign(TestKeys.For(algorithm), algorithm, header, payload);

    /// <summary>Signs exact header and payload text.</summary>
    public static string Sign(JsonWebKey key, JwtAlgorithm algorithm, string header, string payload) =>
        JwtWriter.CreateFromParts(key, algorithm, Encoding.UTF8.GetBytes(header), Encoding.UTF8.GetBytes(payload));

    /// <summary>Signs exact header and payload bytes, which need not be UTF-8.</summary>
    public static string Sign(JwtAlgorithm algorithm, byte[] header, byte[] payload) =>
        JwtWriter.CreateFromParts(TestKeys.For(algorithm), algorithm, header, payload);

    /// <summary>The options a service would use: issuer, audience, a fixed clock, no skew.</summary>
    public static JwtValidationOptions Options(long now = Now) => new()
    {
        Keys = TestKeys.PublicSet,
        ValidIssuers = [Issuer],
        ValidAudiences = [Audience],
        TimeProvider = FixedTimeProvider.AtUnixSeconds(now),
        ClockSkew = TimeSpan.Zero,
    };

    /// <summary>A validator with <see cref="Options"/>, adjusted by <paramref name="configure"/>.</summary>
    public static JwtValidator Validator(Action<JwtValidationOptions>? configure = null)
    {
        JwtValidationOptions options = Options();
        configure?.Invoke(options);
        return new JwtValidator(options);
    }

    /// <summary>Validates and returns only the status, disposing the result.</summary>
    public static TokenStatus StatusOf(this JwtValidator validator, string token)
    {
        using JwtValidationResult result = validator.Validate(token);
        TokenStatus status = result.Status;

        // The byte and character entry points must always agree.
        using JwtValidationResult fromBytes = validator.Validate(Encoding.UTF8.GetBytes(token));
        Assert.Equal(status, fromBytes.Status);
        return status;
    }

    /// <summary>The three segments of a compact token.</summary>
    public static (string Header, string Payload, string Signature) Split(string token)
    {
        string[] parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return (parts[0], parts[1], parts[2]);
    }

    /// <summary>
    /// A base64url character with the same significant bits as <paramref name="last"/> but a
    /// non-zero unused one: the same bytes, spelled non-canonically.
    /// </summary>
    public static char NonCanonicalTwin(char last, int unusedBits)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int value = Alphabet.IndexOf(last);
        Assert.Equal(0, value & ((1 << unusedBits) - 1));
        return Alphabet[value | 1];
    }

    public static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    public static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public static byte[] Decode(string segment) => Base64Url.DecodeFromChars(segment);
}
