using BenchmarkDotNet.Attributes;
using FastToken.Benchmarks.Competitors;
using FastToken.Benchmarks.Fixtures;

namespace FastToken.Benchmarks.Suites;

/// <summary>How cost grows with the number of claims (and so the token's size), for HS256.</summary>
[MemoryDiagnoser]
public class TokenSizeBenchmarks
{
    private TokenFixture _fixture = null!;
    private JwtValidator _validator = null!;
    private IdentityModelVerifier _identityModel = null!;
    private CryptoFloor _floor = null!;
    private string _token = null!;

    [Params(5, 10, 20, 40, 80, 160)]
    public int ClaimCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new TokenFixture(JwtAlgorithm.HS256, TokenShape.Typical);
        _token = _fixture.TokenWithClaims(ClaimSets.WithClaimCount(ClaimCount, _fixture.Now));
        _validator = SuiteSetup.CreateValidator(_fixture.KeySet, JwtAlgorithm.HS256);
        _identityModel = new IdentityModelVerifier(_fixture);
        _floor = new CryptoFloor(_fixture, _token);
        SuiteSetup.Expect(_validator, _token, TokenStatus.Valid);
        SuiteSetup.Expect(_identityModel.ValidateWithJsonWebTokenHandler(_token), "baseline");
        SuiteSetup.Expect(_floor.Verify(), "crypto floor");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _floor.Dispose();
        _fixture.Dispose();
    }

    [Benchmark(Description = SuiteSetup.FloorName)]
    public bool Floor() => _floor.Verify();

    [Benchmark(Description = SuiteSetup.FastTokenName)]
    public TokenStatus FastToken()
    {
        using JwtValidationResult result = _validator.Validate(_token.AsSpan());
        return result.Status;
    }

    [Benchmark(Baseline = true, Description = SuiteSetup.BaselineName)]
    public bool JsonWebTokenHandler() => _identityModel.ValidateWithJsonWebTokenHandler(_token);
}
