using BenchmarkDotNet.Attributes;
using FastToken.Benchmarks.Competitors;
using FastToken.Benchmarks.Fixtures;
using FastToken.Benchmarks.Policies;
using FastToken.Policies;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastToken.Benchmarks.Suites;

/// <summary>
/// A request's whole token work: find the token in the <c>Authorization</c> field, validate it,
/// authorize it under a generated policy (issuer, audience and the <c>orders.read</c> scope),
/// and read three claims (<c>sub</c>, <c>scope</c>, <c>client_id</c>). The baseline does the
/// same work the way an application does it over <c>JsonWebTokenHandler</c>.
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
        _parameters = IdentityModelVerifier.CreateParameters(
            Algorithm,
            [IdentityModelVerifier.KeyFor(_fixture)]);
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

    /// <summary>
    /// Extract, then the generated policy's <c>Validate</c>: the validator's one pass checks the
    /// signature and the registered claims while the policy's visitor matches the issuer, the
    /// audience and the scope and notes where the captured claims lie. Then three reads.
    /// </summary>
    [Benchmark(Description = SuiteSetup.FastTokenName)]
    public int FastToken()
    {
        ExtractionStatus found = _extractor.Extract(
            _authorization,
            [],
            default,
            out ReadOnlySpan<char> token,
            out _);
        if (found != ExtractionStatus.Found)
        {
            return 0;
        }

        using TokenPolicyResult result = OrdersRead.Validate(_validator, token, out OrdersRead claims);
        if (!result.IsAuthorized)
        {
            return 0;
        }

        int read = claims.Subject.IsEmpty ? 0 : 1;
        read += claims.Scope.IsEmpty ? 0 : 1;
        read += claims.ClientId.IsEmpty ? 0 : 1;
        return read;
    }

    /// <summary>
    /// The incumbent path: slice the field, <c>ValidateTokenAsync</c> under the same rules, then
    /// the policy's scope rule as an application writes it, over the <c>scope</c> string read
    /// from the validated token, and the other two claims from the same token (the cheapest
    /// reads it offers; a host that builds the <c>ClaimsIdentity</c> pays more). The issuer and
    /// audience are not checked again: the validation parameters already required them.
    /// </summary>
    [Benchmark(Baseline = true, Description = SuiteSetup.BaselineName)]
    public int JsonWebTokenHandler()
    {
        string field = _authorization[0];
        if (!field.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        TokenValidationResult result = _handler
            .ValidateTokenAsync(field[BearerPrefix.Length..].Trim(), _parameters)
            .GetAwaiter()
            .GetResult();
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            return 0;
        }

        if (!token.TryGetPayloadValue("scope", out string scope) ||
            !GrantsScope(scope, ClaimSets.RequiredScope))
        {
            return 0;
        }

        int read = string.IsNullOrEmpty(token.Subject) ? 0 : 1;
        read += scope.Length == 0 ? 0 : 1;
        read += token.TryGetPayloadValue("client_id", out string _) ? 1 : 0;
        return read;
    }

    /// <summary>
    /// Whether a space-delimited scope string (RFC 6749 3.3) holds <paramref name="required"/>
    /// exactly. Split over spans rather than with <c>string.Split</c>, so the baseline is not
    /// charged for an allocation that a careful application would avoid.
    /// </summary>
    private static bool GrantsScope(string granted, string required)
    {
        ReadOnlySpan<char> scopes = granted;
        foreach (Range range in scopes.Split(' '))
        {
            if (scopes[range].SequenceEqual(required))
            {
                return true;
            }
        }

        return false;
    }
}
