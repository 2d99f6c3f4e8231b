using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using FastToken.Keys;

namespace FastToken.Policies.Benchmarks;

/// <summary>The rules of <see cref="PolicyOverheadBenchmarks"/>: many requirements, so that their cost shows.</summary>
[TokenPolicy]
[RequireIssuer("https://login.example.com")]
[RequireAudience("orders")]
[RequireScopes("orders.read", "orders.write", "orders.refund", "stock.read", "stock.write", "reports.read")]
[RequireRoles("clerk", "manager", "owner", Matching = RequirementMatch.Any)]
[RequireClaim("tier", "gold", "silver")]
[RequireClaim("region", "eu-west", "eu-north", "eu-central")]
[RequireClaim("level", 3, 4, 5)]
[RequireClaim("mfa", true)]
[MaxTokenAge(3600)]
public static partial class HeavyPolicy
{
}

/// <summary>
/// What a policy adds to validation: the same HMAC token validated with no policy (the
/// baseline), with the generated policy, and with the same rules built at run time.
/// </summary>
[MemoryDiagnoser]
public class PolicyOverheadBenchmarks
{
    private JwtValidator _validator = null!;
    private TokenPolicy _runtime = null!;
    private byte[] _token = [];

    [GlobalSetup]
    public void Setup()
    {
        JsonWebKey key = JsonWebKey.FromSymmetricKey(RandomNumberGenerator.GetBytes(32), "hs-1");
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string claims = $$"""
            {"iss":"https://login.example.com","aud":"orders","sub":"user-7","tenant":"acme","client_id":"shop-web",
             "scope":"openid profile orders.read orders.write orders.refund stock.read stock.write reports.read",
             "roles":["auditor","owner"],"tier":"gold","region":"eu-north","level":4,"mfa":true,
             "iat":{{now}},"exp":{{now + 86400}}}
            """;
        _token = Encoding.ASCII.GetBytes(JwtWriter.Create(key, JwtAlgorithm.HS256, claims, "at+jwt"));
        _validator = new JwtValidator(new JwtValidationOptions
        {
            Keys = new JsonWebKeySet([key]),
            ValidateIssuer = false,
            ValidateAudience = false,
        });
        _runtime = new TokenPolicyBuilder()
            .RequireIssuer("https://login.example.com")
            .RequireAudience("orders")
            .RequireScopes("orders.read", "orders.write", "orders.refund", "stock.read", "stock.write", "reports.read")
            .RequireRoles(["clerk", "manager", "owner"], RequirementMatch.Any)
            .RequireClaim("tier", "gold", "silver")
            .RequireClaim("region", "eu-west", "eu-north", "eu-central")
            .RequireClaim("level", 3, 4, 5)
            .RequireClaim("mfa", true)
            .MaxTokenAge(TimeSpan.FromHours(1))
            .Build();
        if (!ValidateOnly() || !Generated() || !Runtime())
        {
            throw new InvalidOperationException("Every contender must accept the token.");
        }
    }

    [Benchmark(Baseline = true, Description = "validation, no policy")]
    public bool ValidateOnly()
    {
        using JwtValidationResult result = _validator.Validate(_token);
        return result.IsValid;
    }

    [Benchmark(Description = "validation + generated policy")]
    public bool Generated()
    {
        using TokenPolicyResult result = HeavyPolicy.Validate(_validator, _token);
        return result.IsAuthorized;
    }

    [Benchmark(Description = "validation + runtime policy")]
    public bool Runtime()
    {
        using TokenPolicyResult result = _runtime.Validate(_validator, _token);
        return result.IsAuthorized;
    }
}
