using FastToken.Keys;

namespace FastToken.Generators.Tests.Support;

/// <summary>Keys and a fixed clock for tokens that the tests sign themselves.</summary>
internal static class TestTokens
{
    /// <summary>The tests' "now": 2025-01-01T00:00:00Z.</summary>
    public const long Now = 1_735_689_600;

    public static readonly JsonWebKey Hmac = JsonWebKey.FromSymmetricKey(
        Enumerable.Range(1, 64).Select(i => (byte)i).ToArray(), "hs-1");

    public static readonly JsonWebKey Ecdsa = JsonWebKey.Generate(JwtAlgorithm.ES256).WithKeyId("es-1");

    public static readonly JsonWebKeySet Keys = new([Hmac, Ecdsa.ToPublicKey()]);

    public static FixedTimeProvider Clock() => new(DateTimeOffset.FromUnixTimeSeconds(Now));

    /// <summary>A validator that checks only signature and lifetime, so the policy decides the rest.</summary>
    public static JwtValidator LenientValidator(TimeSpan? skew = null) => new(new JwtValidationOptions
    {
        Keys = Keys,
        ValidateIssuer = false,
        ValidateAudience = false,
        RequireExpirationTime = false,
        TimeProvider = Clock(),
        ClockSkew = skew ?? TimeSpan.FromSeconds(30),
    });

    public static string Sign(JwtAlgorithm algorithm, string claimsJson, string? type = "at+jwt")
    {
        JsonWebKey key = algorithm is JwtAlgorithm.HS256 or JwtAlgorithm.HS384 or JwtAlgorithm.HS512 ? Hmac : Ecdsa;
        return JwtWriter.Create(key, algorithm, claimsJson, type);
    }
}
