using FastToken.Keys;

namespace FastToken.Benchmarks.Suites;

/// <summary>What every suite shares: the algorithms, the rules, and the names in the tables.</summary>
internal static class SuiteSetup
{
    public const string FloorName = "Crypto floor";
    public const string FastTokenName = "FastToken";
    public const string BaselineName = "JsonWebTokenHandler";
    public const string JwtSecurityTokenHandlerName = "JwtSecurityTokenHandler";
    public const string JoseJwtName = "jose-jwt";
    public const string JwtNetName = "JWT.Net";

    public static IReadOnlyList<JwtAlgorithm> Algorithms { get; } =
        [JwtAlgorithm.HS256, JwtAlgorithm.RS256, JwtAlgorithm.PS256, JwtAlgorithm.ES256];

    /// <summary>The rules every library is held to: issuer, audience, lifetime, key, algorithm and type.</summary>
    public static JwtValidator CreateValidator(IJsonWebKeySource keys, JwtAlgorithm algorithm) => new(new JwtValidationOptions
    {
        Keys = keys,
        ValidIssuers = [Fixtures.ClaimSets.Issuer],
        ValidAudiences = [Fixtures.ClaimSets.Audience],
        Algorithms = [algorithm],
        RequiredType = Fixtures.ClaimSets.RequiredType,
        ClockSkew = TimeSpan.FromSeconds(30),
        RequireExpirationTime = true,
    });

    public static TokenStatus ExpectedStatus(Fixtures.Scenario scenario) => scenario switch
    {
        Fixtures.Scenario.Valid => TokenStatus.Valid,
        Fixtures.Scenario.InvalidSignature => TokenStatus.SignatureInvalid,
        Fixtures.Scenario.Expired => TokenStatus.Expired,
        Fixtures.Scenario.Malformed => TokenStatus.Malformed,
        Fixtures.Scenario.UnknownKid => TokenStatus.KeyNotFound,
        Fixtures.Scenario.AlgorithmNotAllowed => TokenStatus.AlgorithmNotAllowed,
        _ => TokenStatus.TypeInvalid,
    };

    public static void Expect(JwtValidator validator, string token, TokenStatus expected)
    {
        using JwtValidationResult result = validator.Validate(token.AsSpan());
        if (result.Status != expected)
        {
            throw new InvalidOperationException($"FastToken returned {result.Status} where {expected} was expected.");
        }
    }

    public static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"The {what} did not reach the expected verdict.");
        }
    }
}
