using System.Text;
using System.Text.Json;
using FastToken.Keys;
using FastToken.Tests.Support;

namespace FastToken.Tests.Validation;

/// <summary>
/// NumericDate claims (RFC 7519 2) in every JSON number form: integers take a fast path,
/// everything else the general one, and both must judge the lifetime alike.
/// </summary>
public sealed class NumericDateTests
{
    private const long Now = 1_700_000_000;

    private static readonly JsonWebKey s_key = JsonWebKey.FromSymmetricKey(new byte[32], "k");

    [Theory]
    [InlineData("1700000100", 1700000100.0)]
    [InlineData("1700000100.75", 1700000100.75)]
    [InlineData("1.7000001e9", 1700000100.0)]
    [InlineData("17000001000E-1", 1700000100.0)]
    [InlineData("-0", 0.0)]
    [InlineData("9007199254740993", 9007199254740992.0)]
    public void Exp_in_any_number_form_reads_as_the_same_instant(string json, double seconds)
    {
        using JwtValidationResult result = Validate($$"""{"exp":{{json}},"sub":"a"}""", skewSeconds: 0, requireExp: false);

        // An exp before now is expired, after it valid; either way the value is the parsed number.
        if (seconds <= Now)
        {
            Assert.Equal(TokenStatus.Expired, result.Status);
            return;
        }

        Assert.Equal(TokenStatus.Valid, result.Status);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds((long)(Math.Min(seconds, 253402300799) * 1000)), result.ExpiresAt);
    }

    [Theory]
    [InlineData("1699999999.5", TokenStatus.Expired)]
    [InlineData("1700000000", TokenStatus.Expired)]
    [InlineData("1700000000.5", TokenStatus.Valid)]
    [InlineData("1700000001", TokenStatus.Valid)]
    public void Lifetime_is_judged_to_the_fraction_of_a_second(string exp, TokenStatus expected)
    {
        using JwtValidationResult result = Validate($$"""{"exp":{{exp}}}""", skewSeconds: 0, requireExp: true);

        Assert.Equal(expected, result.Status);
    }

    [Theory]
    [InlineData("\"1700000100\"")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("[1700000100]")]
    public void Exp_that_is_not_a_number_is_refused(string exp)
    {
        using JwtValidationResult result = Validate($$"""{"exp":{{exp}}}""", skewSeconds: 0, requireExp: true);

        Assert.Equal(TokenStatus.ClaimInvalid, result.Status);
    }

    [Fact]
    public void A_visitor_still_sees_every_claim()
    {
        string token = Sign("""{"exp":1700000100,"nbf":1699999000.5,"scope":"a b","groups":["x","y"]}""");
        JwtValidator validator = CreateValidator(skewSeconds: 0, requireExp: true);
        NameCollector visitor = new() { Names = [] };

        using JwtValidationResult result = validator.Validate(Encoding.ASCII.GetBytes(token), ref visitor);

        Assert.Equal(TokenStatus.Valid, result.Status);
        Assert.Equal(["exp", "nbf", "scope", "groups"], visitor.Names);
    }

    private static JwtValidationResult Validate(string claims, int skewSeconds, bool requireExp) =>
        CreateValidator(skewSeconds, requireExp).Validate(Sign(claims));

    private static JwtValidator CreateValidator(int skewSeconds, bool requireExp) => new(new JwtValidationOptions
    {
        Keys = new JsonWebKeySet([s_key]),
        ValidateIssuer = false,
        ValidateAudience = false,
        ClockSkew = TimeSpan.FromSeconds(skewSeconds),
        RequireExpirationTime = requireExp,
        TimeProvider = FixedTimeProvider.AtUnixSeconds(Now),
    });

    private static string Sign(string claims) => JwtWriter.Create(s_key, JwtAlgorithm.HS256, claims);

    private struct NameCollector : IJwtClaimVisitor
    {
        public List<string> Names;

        public readonly void VisitClaim(ReadOnlySpan<byte> name, ref Utf8JsonReader value, int valueOffset) =>
            Names.Add(Encoding.UTF8.GetString(name));
    }
}
