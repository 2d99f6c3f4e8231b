using BenchmarkDotNet.Attributes;
using FastToken.Benchmarks.Competitors;
using FastToken.Benchmarks.Fixtures;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastToken.Benchmarks.Suites;

/// <summary>
/// A request's whole token work: find the token in the <c>Authorization</c> field, validate
/// it, and read three claims (<c>sub</c>, <c>scope</c>, <c>client_id</c>). Not yet included:
/// the generated authorization policy step, because the policy generator has not landed; the
/// numbers here are therefore a lower bound on the full path.
/// </summary>
[MemoryDiagnoser]
public class EndToEndBenchmarks
{
    private const string BearerPrefix = "Bearer ";

    private readonly TokenExtractor _extractor = new();
    private readonly JsonWebTokenHandler _handler = new();
    private TokenFixture _fixture = null!;
    private JwtValidator _validator = null!;
    private TokenValidationParameters _parameters = null!;
    private CryptoFloor _floor = null!;
    private string[] _authorization = null!;

    [ParamsSource(nameof(Algorithms))]
    public JwtAlgorithm Algorithm { get; set; }

    public static IEnumerable<JwtAlgorithm> Algorithms => SuiteSetup.Algorithms;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new TokenFixture(Algorithm, TokenShape.Typical);
        _validator = SuiteSetup.CreateValidator(_fixture.KeySet, Algorithm);
        _parameters = IdentityModelVerifier.CreateParameters(Algorithm, [IdentityModelVerifier.KeyFor(_fixture)]);
        _floor = new CryptoFloor(_fixture);
        _authorization = [BearerPrefix + _fixture.ValidToken];
        SuiteSetup.Expect(FastToken() == 3, "FastToken end to end");
        SuiteSetup.Expect(JsonWebTokenHandler() == 3, "baseline end to end");
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
    public int FastToken()
    {
        if (_extractor.Extract(_authorization, [], default, out ReadOnlySpan<char> token, out _) != ExtractionStatus.Found)
        {
            return 0;
        }

        using JwtValidationResult result = _validator.Validate(token);
        if (!result.IsValid)
        {
            return 0;
        }

        int read = result.Subject.IsEmpty ? 0 : 1;
        read += result.TryGetString("scope"u8, out _) ? 1 : 0;
        read += result.TryGetString("client_id"u8, out _) ? 1 : 0;
        return read;
    }

    /// <summary>
    /// The incumbent path: slice the field, <c>ValidateTokenAsync</c>, then read the claims
    /// from the validated token (the cheapest way it offers; a host that builds the
    /// <c>ClaimsIdentity</c> pays more).
    /// </summary>
    [Benchmark(Baseline = true, Description = SuiteSetup.BaselineName)]
    public int JsonWebTokenHandler()
    {
        string field = _authorization[0];
        if (!field.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        TokenValidationResult result = _handler.ValidateTokenAsync(field[BearerPrefix.Length..].Trim(), _parameters)
            .GetAwaiter().GetResult();
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            return 0;
        }

        int read = string.IsNullOrEmpty(token.Subject) ? 0 : 1;
        read += token.TryGetPayloadValue("scope", out string _) ? 1 : 0;
        read += token.TryGetPayloadValue("client_id", out string _) ? 1 : 0;
        return read;
    }
}
