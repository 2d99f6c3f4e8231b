using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using FastToken.Keys;

namespace FastToken.Samples.Login;

/// <summary>
/// Mints the sample's access tokens (RFC 9068 <c>at+jwt</c>, ES256) and keeps the refresh
/// tokens that renew them. The signing key is made at start-up and published as a JWK Set,
/// so the API and the front end find it through OpenID discovery.
/// </summary>
public sealed class TokenIssuer(string issuer, string audience, TimeSpan lifetime, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (SampleUser User, DateTimeOffset Expires)> _refreshTokens = new();

    /// <summary>The issuer identifier, also the address of the discovery document.</summary>
    public string Issuer { get; } = issuer;

    /// <summary>The audience of every token: the API.</summary>
    public string Audience { get; } = audience;

    /// <summary>How long an access token lives.</summary>
    public TimeSpan Lifetime { get; } = lifetime;

    /// <summary>The private signing key.</summary>
    public JsonWebKey SigningKey { get; } = JsonWebKey.Generate(JwtAlgorithm.ES256);

    /// <summary>The public keys, as served at <c>/jwks</c>.</summary>
    public string PublicJwks => new JsonWebKeySet([SigningKey.ToPublicKey()]).ToJson();

    /// <summary>Mints an access token for <paramref name="user"/> that expires at <paramref name="expires"/>.</summary>
    public string CreateAccessToken(SampleUser user, DateTimeOffset expires)
    {
        DateTimeOffset now = clock.GetUtcNow();
        Dictionary<string, object> claims = new()
        {
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["sub"] = user.Name,
            ["client_id"] = "samples-web",
            ["scope"] = user.Scope,
            ["roles"] = user.Roles,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["jti"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)),
        };
        return JwtWriter.Create(SigningKey, JwtAlgorithm.ES256, JsonSerializer.Serialize(claims), "at+jwt");
    }

    /// <summary>Mints an access token that lives for <see cref="Lifetime"/>.</summary>
    public string CreateAccessToken(SampleUser user) => CreateAccessToken(user, clock.GetUtcNow() + Lifetime);

    /// <summary>Creates a refresh token, good for eight hours and for one use.</summary>
    public string CreateRefreshToken(SampleUser user)
    {
        string token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        _refreshTokens[token] = (user, clock.GetUtcNow().AddHours(8));
        return token;
    }

    /// <summary>Uses up a refresh token (they rotate on every use).</summary>
    /// <returns>Its user, or null when it is unknown, used or expired.</returns>
    public SampleUser? Redeem(string? refreshToken)
    {
        if (refreshToken is null || !_refreshTokens.TryRemove(refreshToken, out var entry))
        {
            return null;
        }

        return entry.Expires > clock.GetUtcNow() ? entry.User : null;
    }
}
