using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using FastToken.Benchmarks.Competitors;
using FastToken.Benchmarks.Fixtures;
using FastToken.Keys;
using Microsoft.IdentityModel.Tokens;
using JsonWebKey = FastToken.Keys.JsonWebKey;
using JsonWebKeySet = FastToken.Keys.JsonWebKeySet;

namespace FastToken.Benchmarks.Suites;

/// <summary>
/// Key lookup as the trusted set grows from one key to a thousand: a valid HS256 token whose
/// <c>kid</c> names the key in the middle of the set.
/// </summary>
[MemoryDiagnoser]
public class KeySetBenchmarks
{
    private JwtValidator _validator = null!;
    private IdentityModelVerifier _identityModel = null!;
    private string _token = null!;

    [Params(1, 10, 1000)]
    public int KeyCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        List<JsonWebKey> keys = [];
        List<SecurityKey> securityKeys = [];
        for (int i = 0; i < KeyCount; i++)
        {
            byte[] secret = RandomNumberGenerator.GetBytes(32);
            string keyId = $"key-{i:D4}";
            keys.Add(JsonWebKey.FromSymmetricKey(secret, keyId));
            securityKeys.Add(new SymmetricSecurityKey(secret) { KeyId = keyId });
        }

        JsonWebKey signingKey = keys[KeyCount / 2];
        string header = $$"""{"alg":"HS256","kid":"{{signingKey.KeyId}}","typ":"{{ClaimSets.RequiredType}}"}""";
        string claims = ClaimSets.Typical(DateTimeOffset.UtcNow, expired: false);
        _token = JwtWriter.CreateFromParts(signingKey, JwtAlgorithm.HS256, Encoding.UTF8.GetBytes(header), Encoding.UTF8.GetBytes(claims));

        _validator = SuiteSetup.CreateValidator(new JsonWebKeySet(keys), JwtAlgorithm.HS256);
        _identityModel = new IdentityModelVerifier(JwtAlgorithm.HS256, securityKeys);
        SuiteSetup.Expect(_validator, _token, TokenStatus.Valid);
        SuiteSetup.Expect(_identityModel.ValidateWithJsonWebTokenHandler(_token), "baseline");
    }

    [Benchmark(Description = SuiteSetup.FastTokenName)]
    public TokenStatus FastToken()
    {
        using JwtValidationResult result = _validator.Validate(_token.AsSpan());
        return result.Status;
    }

    [Benchmark(Baseline = true, Description = SuiteSetup.BaselineName)]
    public bool JsonWebTokenHandler() => _identityModel.ValidateWithJsonWebTokenHandler(_token);
}
