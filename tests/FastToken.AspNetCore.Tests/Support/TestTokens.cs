using System.Text.Json;
using FastToken.Keys;

namespace FastToken.AspNetCore.Tests.Support;

/// <summary>Keys made once per test run, and tokens signed with them.</summary>
internal static class TestTokens
{
    public const string Issuer = "https://issuer.test";

    public const string Audience = "api://orders";

    /// <summary>The moment every test clock starts at.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    public static readonly JsonWebKey EcKey = JsonWebKey.Generate(JwtAlgorithm.ES256);

    public static readonly JsonWebKey HmacKey = JsonWebKey.Generate(JwtAlgorithm.HS256);

    public static readonly JsonWebKey OtherEcKey = JsonWebKey.Generate(JwtAlgorithm.ES256);

    /// <summary>The public keys a test API trusts.</summary>
    public static JsonWebKeySet TrustedKeys => new([EcKey.ToPublicKey(), HmacKey]);

    /// <summary>A token valid at <see cref="Now"/>, with the given extra claims.</summary>
    public static string Valid(
        object? extra = null,
        JsonWebKey? key = null,
        JwtAlgorithm algorithm = JwtAlgorithm.ES256)
        => Create(Claims(extra), key ?? (algorithm == JwtAlgorithm.HS256 ? HmacKey : EcKey), algorithm);

    /// <summary>A token that expired an hour before <see cref="Now"/>.</summary>
    public static string Expired()
        => Create(Claims(new { exp = Now.AddHours(-1).ToUnixTimeSeconds() }), EcKey, JwtAlgorithm.ES256);

    /// <summary>A token signed by a key the API does not trust, under a trusted key's id.</summary>
    public static string ForgedSignature()
    {
        string genuine = Valid();
        string forged = Create(Claims(null), OtherEcKey.WithKeyId(EcKey.KeyId), JwtAlgorithm.ES256);
        return genuine[..genuine.LastIndexOf('.')] + forged[forged.LastIndexOf('.')..];
    }

    public static string Create(Dictionary<string, object?> claims, JsonWebKey key, JwtAlgorithm algorithm)
        => JwtWriter.Create(key, algorithm, JsonSerializer.Serialize(claims));

    /// <summary>The standard claims of a valid token, overridden and extended by <paramref name="extra"/>.</summary>
    public static Dictionary<string, object?> Claims(object? extra)
    {
        Dictionary<string, object?> claims = new()
        {
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["sub"] = "user-1",
            ["iat"] = Now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = Now.AddMinutes(10).ToUnixTimeSeconds(),
        };
        if (extra is not null)
        {
            foreach (JsonProperty property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                claims[property.Name] = property.Value;
            }
        }

        return claims;
    }
}
