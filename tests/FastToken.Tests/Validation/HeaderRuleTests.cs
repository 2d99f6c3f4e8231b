using System.Text;
using FastToken.Tests.Support;

namespace FastToken.Tests.Validation;

/// <summary>The JOSE header (RFC 7515 4, RFC 8725 3.1): refused before any signature work.</summary>
public sealed class HeaderRuleTests
{
    private readonly JwtValidator _validator = TestTokens.Validator();

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"alg\":\"HS256\"}]")]
    [InlineData("\"HS256\"")]
    [InlineData("256")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("")]
    [InlineData("   ")]
    public void Header_that_is_not_an_object_is_malformed(string header)
    {
        Assert.Equal(TokenStatus.Malformed, Status(header));
    }

    [Theory]
    [InlineData("{\"alg\":\"HS256\"")]
    [InlineData("{\"alg\":\"HS256\",}")]
    [InlineData("{\"alg\":\"HS256\" \"typ\":\"JWT\"}")]
    [InlineData("{\"alg\":'HS256'}")]
    [InlineData("{alg:\"HS256\"}")]
    [InlineData("{\"alg\":\"HS256\",\"x\":01}")]
    [InlineData("{\"alg\":\"HS256\",\"x\":1.}")]
    [InlineData("{\"alg\":\"HS256\",\"x\":tru}")]
    [InlineData("{\"alg\":\"HS256\",\"x\":\"\\q\"}")]
    [InlineData("{\"alg\":\"HS256\",\"x\":\"\\u12G4\"}")]
    [InlineData("{\"alg\":\"HS256\",\"x\":\"tab\there\"}")]
    [InlineData("{\"alg\":\"HS256\" /* c */}")]
    public void Header_that_is_not_json_is_malformed(string header)
    {
        Assert.Equal(TokenStatus.Malformed, Status(header));
    }

    [Theory]
    [InlineData("{\"alg\":\"HS256\"}{}")]
    [InlineData("{\"alg\":\"HS256\"} {\"alg\":\"none\"}")]
    [InlineData("{\"alg\":\"HS256\"}x")]
    [InlineData("{\"alg\":\"HS256\"}]")]
    public void Data_after_the_header_object_is_malformed(string header)
    {
        Assert.Equal(TokenStatus.Malformed, Status(header));
    }

    [Fact]
    public void Header_that_is_not_utf8_is_malformed()
    {
        byte[] header = [.. "{\"alg\":\"HS256\",\"x\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        string token = TestTokens.Sign(JwtAlgorithm.HS256, header, Encoding.UTF8.GetBytes(TestTokens.Claims()));

        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf(token));
    }

    [Fact]
    public void Header_with_a_byte_order_mark_is_malformed()
    {
        byte[] header = [0xEF, 0xBB, 0xBF, .. "{\"alg\":\"HS256\"}"u8];
        string token = TestTokens.Sign(JwtAlgorithm.HS256, header, Encoding.UTF8.GetBytes(TestTokens.Claims()));

        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf(token));
    }

    [Theory]
    [InlineData("{\"kid\":\"\\uD800\",\"alg\":\"HS256\"}")]
    [InlineData("{\"alg\":\"HS256\",\"typ\":\"\\uDC00\"}")]
    [InlineData("{\"alg\":\"HS256\",\"\\uD800x\":1}")]
    [InlineData("{\"alg\":\"HS256\",\"x\":[\"\\uD83D\"]}")]
    [InlineData("{\"alg\":\"HS256\",\"x\":\"\\uD83D\\u0041\"}")]
    public void Lone_surrogate_escape_is_malformed_and_never_throws(string header)
    {
        // RFC 7493 2.1. The reader's unescaping throws on these; a hostile kid must not.
        Assert.Equal(TokenStatus.Malformed, Status(header));
    }

    [Fact]
    public void Surrogate_pair_escape_is_accepted()
    {
        Assert.Equal(TokenStatus.Valid, Status("{\"alg\":\"HS256\",\"note\":\"\\uD83D\\uDE00\"}"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"typ\":\"JWT\"}")]
    [InlineData("{\"Alg\":\"HS256\"}")]
    [InlineData("{\"ALG\":\"HS256\"}")]
    public void Missing_alg_is_header_invalid(string header)
    {
        Assert.Equal(TokenStatus.HeaderInvalid, Status(header));
    }

    [Theory]
    [InlineData("{\"alg\":256}")]
    [InlineData("{\"alg\":null}")]
    [InlineData("{\"alg\":true}")]
    [InlineData("{\"alg\":[\"HS256\"]}")]
    [InlineData("{\"alg\":{\"name\":\"HS256\"}}")]
    public void Alg_that_is_not_a_string_is_header_invalid(string header)
    {
        Assert.Equal(TokenStatus.HeaderInvalid, Status(header));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    [InlineData("nOnE")]
    [InlineData("")]
    public void Alg_none_in_any_spelling_is_not_allowed(string alg)
    {
        // RFC 8725 3.1; the classic attack strips the signature as well.
        string header = $"{{\"alg\":\"{alg}\"}}";
        string signed = TestTokens.Sign(JwtAlgorithm.HS256, header, TestTokens.Claims());
        string unsigned = signed[..(signed.LastIndexOf('.') + 1)];

        Assert.Equal(TokenStatus.AlgorithmNotAllowed, _validator.StatusOf(signed));
        Assert.Equal(TokenStatus.AlgorithmNotAllowed, _validator.StatusOf(unsigned));
    }

    [Theory]
    [InlineData("HS257")]
    [InlineData("hs256")]
    [InlineData("Hs256")]
    [InlineData("HS 256")]
    [InlineData("HS256 ")]
    [InlineData("RS1")]
    [InlineData("RSA-OAEP")]
    [InlineData("ES256K")]
    [InlineData("EdDSA")]
    [InlineData("HMAC-SHA256-WITH-A-VERY-LONG-NAME")]
    public void Unknown_alg_is_not_allowed(string alg)
    {
        Assert.Equal(TokenStatus.AlgorithmNotAllowed, Status($"{{\"alg\":\"{alg}\"}}"));
    }

    [Fact]
    public void Alg_outside_the_configured_list_is_not_allowed()
    {
        JwtValidator esOnly = TestTokens.Validator(o => o.Algorithms = [JwtAlgorithm.ES256]);

        Assert.Equal(TokenStatus.AlgorithmNotAllowed, esOnly.StatusOf(TestTokens.Valid(JwtAlgorithm.RS256)));
        Assert.Equal(TokenStatus.AlgorithmNotAllowed, esOnly.StatusOf(TestTokens.Valid(JwtAlgorithm.HS256)));
        Assert.Equal(TokenStatus.Valid, esOnly.StatusOf(TestTokens.Valid(JwtAlgorithm.ES256)));
    }

    [Fact]
    public void Empty_crit_list_is_unsupported()
    {
        // RFC 7515 4.1.11: producers must not use the empty list.
        Assert.Equal(TokenStatus.CriticalHeaderUnsupported, Status("{\"alg\":\"HS256\",\"crit\":[]}"));
    }

    [Theory]
    [InlineData("{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}")]
    [InlineData("{\"alg\":\"HS256\",\"crit\":[\"http://example.com/ext\"],\"http://example.com/ext\":true}")]
    [InlineData("{\"alg\":\"HS256\",\"crit\":[\"b64\"],\"b64\":true}")]
    [InlineData("{\"crit\":[\"x\"],\"alg\":\"HS256\"}")]
    public void Unknown_crit_extension_is_unsupported(string header)
    {
        Assert.Equal(TokenStatus.CriticalHeaderUnsupported, Status(header));
    }

    [Theory]
    [InlineData("{\"alg\":\"HS256\",\"crit\":\"exp\"}")]
    [InlineData("{\"alg\":\"HS256\",\"crit\":{}}")]
    [InlineData("{\"alg\":\"HS256\",\"crit\":null}")]
    public void Crit_that_is_not_an_array_is_header_invalid(string header)
    {
        Assert.Equal(TokenStatus.HeaderInvalid, Status(header));
    }

    [Theory]
    [InlineData("{\"alg\":\"HS256\",\"b64\":false}")]
    [InlineData("{\"alg\":\"HS256\",\"b64\":\"false\"}")]
    [InlineData("{\"alg\":\"HS256\",\"b64\":0}")]
    public void Unencoded_payload_is_header_invalid(string header)
    {
        // RFC 7797: b64=false changes what the signature covers; a JWT never uses it.
        Assert.Equal(TokenStatus.HeaderInvalid, Status(header));
    }

    [Fact]
    public void Explicit_b64_true_is_the_default_and_valid()
    {
        Assert.Equal(TokenStatus.Valid, Status("{\"alg\":\"HS256\",\"b64\":true}"));
    }

    [Theory]
    [InlineData("{\"alg\":\"HS256\",\"alg\":\"HS256\"}")]
    [InlineData("{\"alg\":\"HS256\",\"alg\":\"none\"}")]
    [InlineData("{\"alg\":\"HS256\",\"\\u0061lg\":\"none\"}")]
    [InlineData("{\"kid\":\"hs256\",\"alg\":\"HS256\",\"kid\":\"other\"}")]
    [InlineData("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"t\\u0079p\":\"at+jwt\"}")]
    public void Duplicate_header_member_is_refused(string header)
    {
        // RFC 7515 4: parsers must reject duplicates or take the last; taking neither is safer.
        Assert.Equal(TokenStatus.DuplicateMember, Status(header));
    }

    [Theory]
    [InlineData("{\"alg\":\"HS256\",\"kid\":7}")]
    [InlineData("{\"alg\":\"HS256\",\"kid\":null}")]
    [InlineData("{\"alg\":\"HS256\",\"typ\":[\"JWT\"]}")]
    public void Kid_or_typ_that_is_not_a_string_is_header_invalid(string header)
    {
        Assert.Equal(TokenStatus.HeaderInvalid, Status(header));
    }

    [Fact]
    public void Unknown_members_and_key_urls_are_ignored()
    {
        // RFC 8725 3.10: jku, x5u, jwk and x5c are never used to find a key.
        const string header = "{\"alg\":\"HS256\",\"jku\":\"https://attacker.example/jwks\"," +
            "\"x5u\":\"https://attacker.example/cert\",\"x5c\":[\"MIIB\"],\"cty\":\"JWT\",\"ext\":{\"a\":[1,2]}}";

        Assert.Equal(TokenStatus.Valid, Status(header));
    }

    [Fact]
    public void Embedded_jwk_does_not_make_its_own_signature_trusted()
    {
        // The attacker signs with a key of their own and ships its public part in the header.
        string attackerJwk = TestKeys.OtherRsa.ToPublicKey().ToJson().ReplaceLineEndings("");
        string header = $"{{\"alg\":\"RS256\",\"jwk\":{attackerJwk}}}";
        string token = TestTokens.Sign(TestKeys.OtherRsa, JwtAlgorithm.RS256, header, TestTokens.Claims());

        Assert.Equal(TokenStatus.SignatureInvalid, _validator.StatusOf(token));
    }

    [Fact]
    public void Header_with_too_many_members_is_too_large()
    {
        string members = string.Concat(Enumerable.Range(0, 40).Select(i => $",\"m{i}\":{i}"));

        Assert.Equal(TokenStatus.TooLarge, Status($"{{\"alg\":\"HS256\"{members}}}"));
    }

    [Fact]
    public void Header_nested_deeper_than_the_bound_is_too_large()
    {
        JwtValidator shallow = TestTokens.Validator(o => o.MaxJsonDepth = 4);
        string atBound = "{\"alg\":\"HS256\",\"x\":[[[1]]]}";
        string overBound = "{\"alg\":\"HS256\",\"x\":[[[[1]]]]}";

        Assert.Equal(TokenStatus.Valid, shallow.StatusOf(TestTokens.SignHeader(atBound)));
        Assert.Equal(TokenStatus.TooLarge, shallow.StatusOf(TestTokens.SignHeader(overBound)));
    }

    [Theory]
    [InlineData("at+jwt")]
    [InlineData("AT+JWT")]
    [InlineData("At+Jwt")]
    [InlineData("application/at+jwt")]
    [InlineData("Application/AT+JWT")]
    public void Required_type_matches_case_insensitively_with_or_without_prefix(string typ)
    {
        // RFC 7515 4.1.9 and RFC 9068 2.1.
        JwtValidator validator = TestTokens.Validator(o => o.RequiredType = "at+jwt");

        Assert.Equal(TokenStatus.Valid, validator.StatusOf(WithType(typ)));
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("jwt")]
    [InlineData("at+jwt ")]
    [InlineData("at+jwt;q=1")]
    [InlineData("application/jwt")]
    [InlineData("application/")]
    [InlineData("application/application/at+jwt")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_or_missing_type_is_refused_when_one_is_required(string? typ)
    {
        // RFC 8725 3.11: explicit typing keeps an ID token from passing as an access token.
        JwtValidator validator = TestTokens.Validator(o => o.RequiredType = "at+jwt");

        Assert.Equal(TokenStatus.TypeInvalid, validator.StatusOf(WithType(typ)));
    }

    [Fact]
    public void Required_type_given_with_prefix_matches_the_short_form()
    {
        JwtValidator validator = TestTokens.Validator(o => o.RequiredType = "application/at+jwt");

        Assert.Equal(TokenStatus.Valid, validator.StatusOf(WithType("at+jwt")));
        Assert.Equal(TokenStatus.TypeInvalid, validator.StatusOf(WithType("JWT")));
    }

    [Fact]
    public void Type_is_not_checked_unless_required()
    {
        Assert.Equal(TokenStatus.Valid, _validator.StatusOf(WithType("JWT")));
        Assert.Equal(TokenStatus.Valid, _validator.StatusOf(WithType(null)));
    }

    private static string WithType(string? typ) =>
        TestTokens.SignHeader(TestTokens.Header(JwtAlgorithm.HS256, "hs256", typ));

    [Fact]
    public void Escaped_algorithm_name_is_read_unescaped()
    {
        // RFC 8259 7: "HS\u0032\u0035\u0036" is the string HS256.
        string header = "{\"alg\":\"HS\\u0032\\u0035\\u0036\",\"typ\":\"at+jwt\",\"kid\":\"hs256\"}";

        Assert.Equal(TokenStatus.Valid, Status(header));
    }

    private TokenStatus Status(string header) => _validator.StatusOf(TestTokens.SignHeader(header));
}
