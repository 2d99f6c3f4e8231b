using System.Text.Json;
using FastToken.Keys;
using FastToken.Tests.Support;

namespace FastToken.Tests.Vectors;

public sealed class RfcVectorTests
{
    [Theory]
    [MemberData(nameof(RfcVectors.CaseIds), MemberType = typeof(RfcVectors))]
    public void Vector_gives_its_expected_result(string id)
    {
        JsonElement vector = RfcVectors.Case(id);
        string expected = vector.GetProperty("expected").GetString()!;
        string[] algorithms = [.. vector.GetProperty("algorithms").EnumerateArray().Select(a => a.GetString()!)];

        // EdDSA needs Ed25519, which the platform's cryptography does not offer; FastToken
        // ships no primitive of its own, so these tokens are refused as not allowed.
        if (algorithms.Contains("EdDSA"))
        {
            string okp = RfcVectors.KeyJson(vector.GetProperty("key").GetString()!);
            JsonWebKeySet set = JsonWebKeySet.Parse($$"""{"keys":[{{okp}}]}""");
            Assert.Empty(set.Keys);
            JwtValidator validator = new(
                new JwtValidationOptions { Keys = set, ValidateIssuer = false, ValidateAudience = false });
            using JwtValidationResult refused = validator.Validate(vector.GetProperty("token").GetString()!);
            Assert.Equal(TokenStatus.AlgorithmNotAllowed, refused.Status);
            return;
        }

        JwtAlgorithm[] allowed = [.. algorithms.Select(a => Enum.Parse<JwtAlgorithm>(a))];
        bool hasRules = vector.GetProperty("settings").TryGetProperty("now", out _);
        TokenStatus status = !hasRules
            ? ValidateLeniently(vector, allowed)
            : Validate(vector, allowed);

        switch (expected)
        {
            case "valid":
                Assert.Equal(TokenStatus.Valid, status);
                break;
            case "jws-valid-not-jwt":
                Assert.Equal(TokenStatus.NotJwt, status);
                break;
            case "reject:issuer":
                Assert.Equal(TokenStatus.IssuerInvalid, status);
                break;
            case "reject:expired":
                Assert.Equal(TokenStatus.Expired, status);
                break;
            case "reject:algorithm":
                Assert.Equal(TokenStatus.AlgorithmNotAllowed, status);
                break;
            case "reject:signature-or-malformed":
                Assert.Contains(status, new[] { TokenStatus.SignatureInvalid, TokenStatus.Malformed });
                break;
            default:
                Assert.Fail($"Unknown expectation '{expected}'.");
                break;
        }
    }

    [Fact]
    public void Valid_vector_exposes_its_claims()
    {
        JsonElement vector = RfcVectors.Case("rfc7515-a1");
        JwtValidator validator = CreateValidator(vector, [JwtAlgorithm.HS256]);

        using JwtValidationResult result = validator.Validate(vector.GetProperty("token").GetString()!);

        Assert.True(result.IsValid);
        Assert.Equal("joe"u8.ToArray(), result.Issuer.ToArray());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1300819380), result.ExpiresAt);
        Assert.True(result.TryGetBoolean("http://example.com/is_root"u8, out bool isRoot));
        Assert.True(isRoot);
        Assert.Equal("JWT"u8.ToArray(), result.Type.ToArray());
    }

    private static TokenStatus Validate(JsonElement vector, JwtAlgorithm[] allowed)
    {
        JwtValidator validator = CreateValidator(vector, allowed);
        using JwtValidationResult result = validator.Validate(vector.GetProperty("token").GetString()!);
        return result.Status;
    }

    /// <summary>For JWS-only vectors: no claim rules, so only the signature and the payload's form decide.</summary>
    private static TokenStatus ValidateLeniently(JsonElement vector, JwtAlgorithm[] allowed)
    {
        JwtValidator validator = new(new JwtValidationOptions
        {
            Keys = new JsonWebKeySet([RfcVectors.Key(vector.GetProperty("key").GetString()!)]),
            ValidateIssuer = false,
            ValidateAudience = false,
            RequireExpirationTime = false,
            Algorithms = allowed,
        });
        using JwtValidationResult result = validator.Validate(vector.GetProperty("token").GetString()!);
        return result.Status;
    }

    private static JwtValidator CreateValidator(JsonElement vector, JwtAlgorithm[] allowed)
    {
        JsonElement settings = vector.GetProperty("settings");
        string? audience = settings.GetProperty("audience").GetString();
        return new JwtValidator(new JwtValidationOptions
        {
            Keys = new JsonWebKeySet([RfcVectors.Key(vector.GetProperty("key").GetString()!)]),
            ValidIssuers = [settings.GetProperty("issuer").GetString()!],
            ValidAudiences = audience is null ? [] : [audience],
            ValidateAudience = audience is not null,
            Algorithms = allowed,
            ClockSkew = TimeSpan.FromSeconds(settings.GetProperty("clockSkew").GetInt32()),
            TimeProvider = FixedTimeProvider.AtUnixSeconds(settings.GetProperty("now").GetInt64()),
        });
    }
}
