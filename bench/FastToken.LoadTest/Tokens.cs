using System.Text.Json;
using FastToken.Keys;

namespace FastToken.LoadTest;

/// <summary>The keys of the run and the typical access tokens signed with them.</summary>
internal sealed class Tokens
{
    public const string Issuer = "https://login.example.com/tenant-1";

    public const string Audience = "api://orders";

    public JsonWebKey EcKey { get; } = JsonWebKey.Generate(JwtAlgorithm.ES256);

    public JsonWebKey HmacKey { get; } = JsonWebKey.Generate(JwtAlgorithm.HS256);

    /// <summary>The public EC key and the HMAC secret, as a JWK Set both stacks read.</summary>
    public string TrustedJwks
        => new JsonWebKeySet([EcKey.ToPublicKey(), HmacKey]).ToJson(includePrivateParameters: true);

    /// <summary>A token shaped like an RFC 9068 access token from a common issuer, valid for an hour.</summary>
    public string Create(JwtAlgorithm algorithm)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        Dictionary<string, object> claims = new()
        {
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["sub"] = "248289761001",
            ["client_id"] = "s6BhdRkqt3",
            ["scope"] = "openid profile orders.read orders.write",
            ["roles"] = new[] { "reader", "writer" },
            ["name"] = "Jane Doe",
            ["email"] = "jane.doe@example.com",
            ["auth_time"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        JsonWebKey key = algorithm == JwtAlgorithm.HS256 ? HmacKey : EcKey;
        return JwtWriter.Create(key, algorithm, JsonSerializer.Serialize(claims), "at+jwt");
    }
}
