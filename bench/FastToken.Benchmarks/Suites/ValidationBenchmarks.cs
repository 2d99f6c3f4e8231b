using BenchmarkDotNet.Attributes;
using FastToken.Benchmarks.Competitors;
using FastToken.Benchmarks.Fixtures;

namespace FastToken.Benchmarks.Suites;

/// <summary>
/// One token, one rule set, every library: the valid token and each way a token fails, for
/// each algorithm and claim shape. The crypto floor runs beside the valid token only.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private TokenFixture _fixture = null!;
    private JwtValidator _validator = null!;
    private IdentityModelVerifier _identityModel = null!;
    private JoseJwtVerifier _joseJwt = null!;
    private JwtNetVerifier? _jwtNet;
    private CryptoFloor _floor = null!;
    private string _token = null!;

    [ParamsSource(nameof(Algorithms))]
    public JwtAlgorithm Algorithm { get; set; }

    [ParamsAllValues]
    public TokenShape Shape { get; set; }

    [ParamsAllValues]
    public Scenario Scenario { get; set; }

    public static IEnumerable<JwtAlgorithm> Algorithms => SuiteSetup.Algorithms;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new TokenFixture(Algorithm, Shape);
        _validator = SuiteSetup.CreateValidator(_fixture.KeySet, Algorithm);
        _identityModel = new IdentityModelVerifier(_fixture);
        _joseJwt = new JoseJwtVerifier(_fixture);
        _jwtNet = JwtNetVerifier.Supports(Algorithm) ? new JwtNetVerifier(_fixture) : null;
        _floor = new CryptoFloor(_fixture);
        _token = _fixture.TokenFor(Scenario);

        // A benchmark of the wrong outcome measures nothing: FastToken and the baseline must
        // reach the expected verdict, and the floor must verify, before any timing starts.
        SuiteSetup.Expect(_validator, _token, SuiteSetup.ExpectedStatus(Scenario));
        SuiteSetup.Expect(_identityModel.ValidateWithJsonWebTokenHandler(_token) == (Scenario == Scenario.Valid), "baseline");
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

    [Benchmark(Description = SuiteSetup.JwtSecurityTokenHandlerName)]
    public bool JwtSecurityTokenHandler() => _identityModel.ValidateWithJwtSecurityTokenHandler(_token);

    [Benchmark(Description = SuiteSetup.JoseJwtName)]
    public bool JoseJwt() => _joseJwt.Validate(_token);

    [Benchmark(Description = SuiteSetup.JwtNetName)]
    public bool JwtNet() => _jwtNet!.Validate(_token);
}
