using System.Text;
using FastToken.Tests.Support;

namespace FastToken.Tests.Validation;

/// <summary>The claims set (RFC 7519 4, 7.2) and the rules a service applies to it.</summary>
public sealed class ClaimRuleTests
{
    private const long Now = TestTokens.Now;
    private const string Iss = "\"iss\":\"https://issuer.example.com\"";
    private const string Aud = "\"aud\":\"api://orders\"";
    private const string Exp = "\"exp\":1700003600";

    [Theory]
    [InlineData("\"exp\":\"1700003600\"")]
    [InlineData("\"exp\":null")]
    [InlineData("\"exp\":true")]
    [InlineData("\"exp\":[1700003600]")]
    [InlineData("\"exp\":{\"s\":1700003600}")]
    [InlineData("\"exp\":1e400")]
    [InlineData("\"exp\":-1e400")]
    public void Exp_that_is_not_a_finite_number_is_claim_invalid(string exp)
    {
        Assert.Equal(TokenStatus.ClaimInvalid, Status(Claims(Iss, Aud, exp)));
    }

    [Theory]
    [InlineData("\"nbf\":\"1699999000\"")]
    [InlineData("\"iat\":\"1699999000\"")]
    [InlineData("\"nbf\":false")]
    [InlineData("\"iat\":null")]
    public void Nbf_or_iat_as_non_number_is_claim_invalid(string member)
    {
        Assert.Equal(TokenStatus.ClaimInvalid, Status(Claims(Iss, Aud, Exp, member)));
    }

    [Theory]
    [InlineData("\"sub\":42")]
    [InlineData("\"sub\":null")]
    [InlineData("\"jti\":[\"a\"]")]
    [InlineData("\"iss\":{\"url\":\"https://issuer.example.com\"}")]
    [InlineData("\"iss\":null")]
    public void Registered_string_claim_of_another_type_is_claim_invalid(string member)
    {
        bool isIssuer = member.StartsWith("\"iss\"", StringComparison.Ordinal);
        string payload = isIssuer ? Claims(member, Aud, Exp) : Claims(Iss, Aud, Exp, member);

        Assert.Equal(TokenStatus.ClaimInvalid, Status(payload));
    }

    [Fact]
    public void Missing_exp_is_claim_missing_unless_not_required()
    {
        string payload = Claims(Iss, Aud);

        Assert.Equal(TokenStatus.ClaimMissing, Status(payload));
        Assert.Equal(TokenStatus.Valid, Status(payload, o => o.RequireExpirationTime = false));
    }

    [Theory]
    [InlineData(Now + 1, TokenStatus.Valid)]
    [InlineData(Now, TokenStatus.Expired)]
    [InlineData(Now - 1, TokenStatus.Expired)]
    public void Token_is_expired_from_exp_on(long exp, TokenStatus expected)
    {
        // RFC 7519 4.1.4: "on or after" exp the token must not be accepted.
        Assert.Equal(expected, Status(Claims(Iss, Aud, $"\"exp\":{exp}")));
    }

    [Theory]
    [InlineData(0, TokenStatus.Expired)]
    [InlineData(29, TokenStatus.Expired)]
    [InlineData(30, TokenStatus.Expired)]
    [InlineData(31, TokenStatus.Valid)]
    [InlineData(60, TokenStatus.Valid)]
    public void Clock_skew_extends_exp(int skewSeconds, TokenStatus expected)
    {
        // exp was 30 seconds ago.
        string payload = Claims(Iss, Aud, $"\"exp\":{Now - 30}");

        Assert.Equal(expected, Status(payload, o => o.ClockSkew = TimeSpan.FromSeconds(skewSeconds)));
    }

    [Theory]
    [InlineData(0, TokenStatus.NotYetValid)]
    [InlineData(29, TokenStatus.NotYetValid)]
    [InlineData(30, TokenStatus.Valid)]
    public void Clock_skew_extends_nbf(int skewSeconds, TokenStatus expected)
    {
        // nbf is 30 seconds ahead; RFC 7519 4.1.5: valid "on or after" nbf.
        string payload = Claims(Iss, Aud, Exp, $"\"nbf\":{Now + 30}");

        Assert.Equal(expected, Status(payload, o => o.ClockSkew = TimeSpan.FromSeconds(skewSeconds)));
    }

    [Theory]
    [InlineData(Now, TokenStatus.Valid)]
    [InlineData(Now + 1, TokenStatus.NotYetValid)]
    [InlineData(Now - 1, TokenStatus.Valid)]
    public void Token_is_valid_from_nbf_on(long nbf, TokenStatus expected)
    {
        Assert.Equal(expected, Status(Claims(Iss, Aud, Exp, $"\"nbf\":{nbf}")));
    }

    [Fact]
    public void Fractional_exp_is_honoured_to_the_millisecond()
    {
        string payload = Claims(Iss, Aud, $"\"exp\":{Now}.5");

        Assert.Equal(TokenStatus.Valid, Status(payload, now: Now));
        Assert.Equal(TokenStatus.Expired, Status(payload, o => o.TimeProvider = new FixedTimeProvider(
            DateTimeOffset.FromUnixTimeMilliseconds((Now * 1000) + 500))));
        Assert.Equal(TokenStatus.Valid, Status(payload, o => o.TimeProvider = new FixedTimeProvider(
            DateTimeOffset.FromUnixTimeMilliseconds((Now * 1000) + 499))));
    }

    [Fact]
    public void Huge_exp_is_valid_and_reads_back_clamped()
    {
        JwtValidator validator = TestTokens.Validator();
        using JwtValidationResult result = validator.Validate(Sign(Claims(Iss, Aud, "\"exp\":1e300")));

        Assert.Equal(TokenStatus.Valid, result.Status);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(253402300799), result.ExpiresAt);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("-1e300")]
    [InlineData("-0.0")]
    public void Exp_in_the_past_or_negative_is_expired(string exp)
    {
        Assert.Equal(TokenStatus.Expired, Status(Claims(Iss, Aud, $"\"exp\":{exp}")));
    }

    [Fact]
    public void Iat_in_the_future_is_not_judged()
    {
        // RFC 7519 4.1.6 gives iat no validity rule; RFC 9068 leaves it to policy.
        Assert.Equal(TokenStatus.Valid, Status(Claims(Iss, Aud, Exp, $"\"iat\":{Now + 86400}")));
    }

    [Theory]
    [InlineData("\"iss\":\"https://issuer.example.com\"", TokenStatus.Valid)]
    [InlineData("\"iss\":\"https:\\/\\/issuer.example.com\"", TokenStatus.Valid)]
    [InlineData("\"iss\":\"\\u0068ttps://issuer.example.com\"", TokenStatus.Valid)]
    [InlineData("\"iss\":\"https://Issuer.example.com\"", TokenStatus.IssuerInvalid)]
    [InlineData("\"iss\":\"HTTPS://ISSUER.EXAMPLE.COM\"", TokenStatus.IssuerInvalid)]
    [InlineData("\"iss\":\"https://issuer.example.com/\"", TokenStatus.IssuerInvalid)]
    [InlineData("\"iss\":\"https://issuer.example.co\"", TokenStatus.IssuerInvalid)]
    [InlineData("\"iss\":\" https://issuer.example.com\"", TokenStatus.IssuerInvalid)]
    [InlineData("\"iss\":\"https://issuer.example.com\\u0000\"", TokenStatus.IssuerInvalid)]
    [InlineData("\"iss\":\"\"", TokenStatus.IssuerInvalid)]
    [InlineData("\"x\":\"no issuer\"", TokenStatus.IssuerInvalid)]
    public void Issuer_is_compared_ordinally_after_unescaping(string iss, TokenStatus expected)
    {
        // RFC 7519 4.1.1: a case-sensitive StringOrURI, compared without normalization.
        Assert.Equal(expected, Status(Claims(iss, Aud, Exp)));
    }

    [Fact]
    public void Any_configured_issuer_is_accepted_and_the_check_can_be_turned_off()
    {
        string payload = Claims("\"iss\":\"https://other.example.com\"", Aud, Exp);

        Assert.Equal(TokenStatus.IssuerInvalid, Status(payload));
        Assert.Equal(
            TokenStatus.Valid,
            Status(payload, o => o.ValidIssuers = [TestTokens.Issuer, "https://other.example.com"]));
        Assert.Equal(TokenStatus.Valid, Status(payload, o => o.ValidateIssuer = false));
    }

    [Theory]
    [InlineData("\"aud\":\"api://orders\"", TokenStatus.Valid)]
    [InlineData("\"aud\":[\"api://orders\"]", TokenStatus.Valid)]
    [InlineData("\"aud\":[\"api://billing\",\"api://orders\"]", TokenStatus.Valid)]
    [InlineData("\"aud\":[\"api:\\/\\/orders\"]", TokenStatus.Valid)]
    [InlineData("\"aud\":\"api://Orders\"", TokenStatus.AudienceInvalid)]
    [InlineData("\"aud\":[\"api://billing\"]", TokenStatus.AudienceInvalid)]
    [InlineData("\"aud\":\"api://orders api://billing\"", TokenStatus.AudienceInvalid)]
    [InlineData("\"aud\":[]", TokenStatus.AudienceInvalid)]
    [InlineData("\"x\":\"no audience\"", TokenStatus.AudienceInvalid)]
    [InlineData("\"aud\":[\"api://orders\",7]", TokenStatus.ClaimInvalid)]
    [InlineData("\"aud\":[7,\"api://orders\"]", TokenStatus.ClaimInvalid)]
    [InlineData("\"aud\":[[\"api://orders\"]]", TokenStatus.ClaimInvalid)]
    [InlineData("\"aud\":[null]", TokenStatus.ClaimInvalid)]
    [InlineData("\"aud\":{\"api://orders\":true}", TokenStatus.ClaimInvalid)]
    [InlineData("\"aud\":42", TokenStatus.ClaimInvalid)]
    public void Audience_is_one_string_or_an_array_of_which_any_may_match(string aud, TokenStatus expected)
    {
        // RFC 7519 4.1.3.
        Assert.Equal(expected, Status(Claims(Iss, aud, Exp)));
    }

    [Fact]
    public void Audience_check_can_be_turned_off_but_not_its_type_rule()
    {
        static void Off(JwtValidationOptions options) => options.ValidateAudience = false;

        Assert.Equal(TokenStatus.Valid, Status(Claims(Iss, "\"aud\":\"api://other\"", Exp), Off));
        Assert.Equal(TokenStatus.ClaimInvalid, Status(Claims(Iss, "\"aud\":[1]", Exp), Off));
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":1,\"\\u0061\":2}")]
    [InlineData("{\"exp\":1700003600,\"exp\":1}")]
    [InlineData("{\"iss\":\"https://issuer.example.com\",\"iss\":\"https://attacker.example\"}")]
    [InlineData("{\"aud\":\"api://orders\",\"a\\u0075d\":\"api://other\"}")]
    [InlineData("{\"sub\":\"alice\",\"s\\u0075b\":\"admin\"}")]
    [InlineData("{\"\\u00e9\":1,\"é\":2}")]
    public void Duplicate_claim_is_refused(string claims)
    {
        // RFC 7519 4: duplicate names make parsers disagree about who the token is for.
        Assert.Equal(TokenStatus.DuplicateMember, Status(claims));
    }

    [Fact]
    public void Duplicates_are_found_among_many_claims()
    {
        // Enough names that the quick filter collides; the exact comparison must still decide.
        string members = string.Concat(Enumerable.Range(0, 150).Select(i => $"\"claim{i}\":{i},"));
        string unique = "{" + members + Iss + "," + Aud + "," + Exp + "}";
        string repeated = "{" + members + "\"claim77\":0," + Iss + "," + Aud + "," + Exp + "}";

        Assert.Equal(TokenStatus.Valid, Status(unique));
        Assert.Equal(TokenStatus.DuplicateMember, Status(repeated));
    }

    [Fact]
    public void Same_name_in_nested_objects_is_no_duplicate()
    {
        Assert.Equal(TokenStatus.Valid, Status(Claims(Iss, Aud, Exp, "\"a\":{\"iss\":1}", "\"b\":{\"iss\":2}")));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"iss\":\"https://issuer.example.com\"}]")]
    [InlineData("\"claims\"")]
    [InlineData("123")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData(" ")]
    [InlineData("plain text")]
    public void Signed_payload_that_is_no_object_is_not_a_jwt(string payload)
    {
        // RFC 7519 7.2 step 10: a valid JWS whose payload is not a JSON object.
        Assert.Equal(TokenStatus.NotJwt, Status(payload));
    }

    [Fact]
    public void Signed_payload_that_is_not_utf8_is_not_a_jwt()
    {
        byte[] payload = [.. "{\"iss\":\""u8, 0xFF, .. "\"}"u8];
        string token = TestTokens.Sign(JwtAlgorithm.HS256, Encoding.UTF8.GetBytes("{\"alg\":\"HS256\"}"), payload);

        Assert.Equal(TokenStatus.NotJwt, TestTokens.Validator().StatusOf(token));
    }

    [Theory]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"a\":1} {}")]
    [InlineData("{\"a\":1}x")]
    [InlineData("{\"a\":}")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{\"a\":\"\\x\"}")]
    [InlineData("{\"a\":\"\\uD800\"}")]
    [InlineData("{\"a\":[\"\\uDFFF\"]}")]
    [InlineData("{\"\\uD800\":1}")]
    [InlineData("{\"iss\":\"\\uD800\"}")]
    [InlineData("{\"a\":1")]
    public void Signed_payload_that_is_not_json_is_malformed_and_never_throws(string payload)
    {
        Assert.Equal(TokenStatus.Malformed, Status(payload));
    }

    [Fact]
    public void Payload_nested_deeper_than_the_bound_is_too_large()
    {
        string atBound = Claims(Iss, Aud, Exp, "\"x\":[[[{}]]]");
        string overBound = Claims(Iss, Aud, Exp, "\"x\":[[[{\"y\":[]}]]]");

        Assert.Equal(TokenStatus.Valid, Status(atBound, o => o.MaxJsonDepth = 5));
        Assert.Equal(TokenStatus.TooLarge, Status(overBound, o => o.MaxJsonDepth = 5));
        string deep = $"\"x\":{new string('[', 200)}{new string(']', 200)}";
        Assert.Equal(TokenStatus.TooLarge, Status(Claims(Iss, Aud, Exp, deep)));
    }

    [Fact]
    public void Depth_bound_beyond_what_the_check_tracks_is_refused_at_construction()
    {
        Assert.Throws<ArgumentException>(() => TestTokens.Validator(o => o.MaxJsonDepth = 257));
        Assert.Equal(TokenStatus.Valid, Status(Claims(Iss, Aud, Exp), o => o.MaxJsonDepth = 256));
    }

    [Fact]
    public void More_claims_than_the_bound_is_too_large()
    {
        string Members(int count) => string.Concat(Enumerable.Range(0, count - 3).Select(i => $",\"c{i}\":{i}"));
        string atBound = "{" + Iss + "," + Aud + "," + Exp + Members(20) + "}";
        string overBound = "{" + Iss + "," + Aud + "," + Exp + Members(21) + "}";

        Assert.Equal(TokenStatus.Valid, Status(atBound, o => o.MaxClaimCount = 20));
        Assert.Equal(TokenStatus.TooLarge, Status(overBound, o => o.MaxClaimCount = 20));
    }

    [Fact]
    public void Token_longer_than_the_bound_is_too_large_as_chars_and_as_bytes()
    {
        string token = TestTokens.Valid();
        JwtValidator exact = TestTokens.Validator(o => o.MaxTokenLength = token.Length);
        JwtValidator shorter = TestTokens.Validator(o => o.MaxTokenLength = token.Length - 1);

        Assert.Equal(TokenStatus.Valid, exact.StatusOf(token));
        Assert.Equal(TokenStatus.TooLarge, shorter.StatusOf(token));
        Assert.Equal(TokenStatus.TooLarge, shorter.StatusOf(new string('!', token.Length)));
    }

    [Fact]
    public void Escaped_registered_strings_read_back_unescaped()
    {
        string payload = Claims(
            "\"iss\":\"https:\\/\\/issuer.example.com\"",
            "\"sub\":\"\\u00e9l\\u00e8ve \\\"\\ud83d\\ude00\\\"\"",
            "\"aud\":[\"api:\\/\\/billing\",\"api:\\/\\/orders\"]",
            "\"jti\":\"a\\tb\"",
            Exp);
        using JwtValidationResult result = TestTokens.Validator().Validate(Sign(payload));

        Assert.Equal(TokenStatus.Valid, result.Status);
        Assert.Equal("https://issuer.example.com", Encoding.UTF8.GetString(result.Issuer));
        Assert.Equal("élève \"😀\"", Encoding.UTF8.GetString(result.Subject));
        Assert.Equal("a\tb", Encoding.UTF8.GetString(result.JwtId));
        List<string> audiences = [];
        foreach (ReadOnlySpan<byte> audience in result.Audiences)
        {
            audiences.Add(Encoding.UTF8.GetString(audience));
        }

        Assert.Equal(["api://billing", "api://orders"], audiences);
    }

    private static string Claims(params string[] members) => "{" + string.Join(",", members) + "}";

    private static string Sign(string payload) =>
        TestTokens.Sign(JwtAlgorithm.HS256, TestTokens.Header(JwtAlgorithm.HS256, "hs256"), payload);

    private static TokenStatus Status(string payload, Action<JwtValidationOptions>? configure = null, long now = Now)
    {
        JwtValidator validator = TestTokens.Validator(o =>
        {
            o.TimeProvider = FixedTimeProvider.AtUnixSeconds(now);
            configure?.Invoke(o);
        });
        return validator.StatusOf(Sign(payload));
    }
}
