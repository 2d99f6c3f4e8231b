using System.Text;
using System.Text.Json;
using FastToken.Tests.Support;

namespace FastToken.Tests.Validation;

/// <summary>
/// Hostile tokens against the strict scan of the header and the claims set, with
/// <see cref="Utf8JsonReader"/> as the oracle: the same syntax verdicts, the same depth limit,
/// the same numbers, names and strings after unescaping, and room for every unescaped string
/// whatever the token's shape.
/// </summary>
public sealed class ScanAdversarialTests
{
    private const string Alg = "\"alg\":\"HS256\"";

    private static readonly JwtValidator s_lenient = Lenient();

    /// <summary>Claim values that the reader reads in full, or refuses, one rule of RFC 8259 each.</summary>
    public static TheoryData<string> Values() =>
    [
        "/*c*/1", "1/*c*/", "1//c", "[1,]", "[,1]", "{\"a\":1,}", "{,}", "[1 2]", "{\"a\":1 \"b\":2}",
        "{\"a\"::1}", "{a:1}", "{'a':1}", "'a'", "[]]", "[[]", "{}}", "[}", "{\"a\":1]",
        "+1", ".5", "1.", "01", "-01", "-", "--1", "1e", "1e+", "1E-", "0x10", "1.5.5", "1e5e5",
        "NaN", "Infinity", "-Infinity", "tRue", "nul", "nulll", "falsee", "true1",
        "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\U0041\"", "\"\\'\"", "\"\t\"", "\"\u001f\"", "\"\\",
        "\"\\u0000\"", "\"\u007f\"", "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"", "\"\\uD83D\\uDE00\"", "\"\\uDBFF\\uDFFF\"",
        "\"\\uD800\\uDC00x\"", "\"\\uD800\\u0041\"", "\"\\uD800\\uD800\\uDC00\"", "\"\\uD800\\n\"",
        "\"\\uD800\"", "\"\\uDFFF\"", "\"\\uD800\\\"", "\"\\uD800\\u\"", "[\"\\uDC00\"]", "{\"\\uD800\":1}",
        "\u00a01", "\f1", "\v1", "1\u0000", "\u0000", "[1 , 2 ]", " [ ] ", "{ \"\" : { } }", "-0.0e-0",
        "[{\"a\":[{\"b\":[]}]}]", "{\"a\":{\"a\":1,\"a\":2}}",
    ];

    /// <summary>Whole claims sets: what may and may not surround the object.</summary>
    public static TheoryData<string> Payloads() =>
    [
        "{\"a\":1}/**/", "{\"a\":1},", "{\"a\":1}\u0000", " {\"a\":1} \r\n\t", "{\"a\":1}\f", "{\"a\":1}}",
        "{\"a\":1}{}", "{\"a\":1} 1", "{ }", "{\r\n}", "{\"a\":1 ,\"b\":2 }", "{\"a\" :1}", "{\"a\"\n:\n1\n}",
        "{\"a\":1,,\"b\":2}", "{\"a\":1,\"b\"}", "{\"a\"}", "{\"a\":}", "{1:1}", "{null:1}", "{\"a\":1,}",
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public void A_claim_value_is_judged_as_the_reader_reads_it(string value)
    {
        string payload = $"{{\"sub\":\"a\",\"x\":{value}}}";
        TokenStatus expected = JsonReaderOracle.ReadsInFull(payload, 16) ? TokenStatus.Valid : TokenStatus.Malformed;

        Assert.Equal(expected, s_lenient.StatusOf(Token(payload)));
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void A_header_value_is_judged_as_the_reader_reads_it(string value)
    {
        string header = $"{{{Alg},\"x\":{value}}}";
        TokenStatus expected = JsonReaderOracle.ReadsInFull(header, 16) ? TokenStatus.Valid : TokenStatus.Malformed;

        Assert.Equal(expected, s_lenient.StatusOf(TestTokens.Sign(JwtAlgorithm.HS256, header, "{}")));
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void A_claims_set_is_judged_as_the_reader_reads_it(string payload)
    {
        TokenStatus expected = JsonReaderOracle.ReadsInFull(payload, 16) ? TokenStatus.Valid : TokenStatus.Malformed;

        Assert.Equal(expected, s_lenient.StatusOf(Token(payload)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(16)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(66)]
    [InlineData(129)]
    [InlineData(256)]
    public void The_depth_limit_counts_the_enclosing_object_as_the_reader_does(int maxDepth)
    {
        JwtValidator validator = Lenient(o => o.MaxJsonDepth = maxDepth);

        // The claims set and the header are each one level; their members' values get the rest.
        foreach (int valueDepth in new[] { maxDepth - 1, maxDepth })
        {
            string value = Nest(valueDepth);
            string payload = $"{{\"x\":{value}}}";
            string header = $"{{{Alg},\"x\":{value}}}";
            TokenStatus expected = valueDepth < maxDepth ? TokenStatus.Valid : TokenStatus.TooLarge;

            Assert.Equal(valueDepth < maxDepth, JsonReaderOracle.ReadsInFull(payload, maxDepth));
            Assert.Equal(expected, validator.StatusOf(Token(payload)));
            Assert.Equal(expected, validator.StatusOf(TestTokens.Sign(JwtAlgorithm.HS256, header, "{}")));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(200)]
    public void A_container_closed_by_the_wrong_bracket_is_malformed_at_any_depth(int level)
    {
        // Objects and arrays alternate, so that each level's kind is told apart across bit words.
        JwtValidator validator = Lenient(o => o.MaxJsonDepth = 256);
        string value = Nest(220);
        int close = value.Length - level;
        char wrong = value[close] == ']' ? '}' : ']';
        string payload = $"{{\"x\":{value[..close]}{wrong}{value[(close + 1)..]}}}";

        Assert.False(JsonReaderOracle.ReadsInFull(payload, 256));
        Assert.Equal(TokenStatus.Malformed, validator.StatusOf(Token(payload)));
        Assert.Equal(TokenStatus.Valid, validator.StatusOf(Token($"{{\"x\":{value}}}")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("-0e-0")]
    [InlineData("1.5")]
    [InlineData("-1.5E3")]
    [InlineData("1e+2")]
    [InlineData("1e-2")]
    [InlineData("9007199254740993")]
    [InlineData("-9007199254740993")]
    [InlineData("9223372036854775807")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("-9223372036854775808.0")]
    [InlineData("18446744073709551616")]
    [InlineData("1e308")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("1.7976931348623158e308")]
    [InlineData("1.7976931348623159e308")]
    [InlineData("1e309")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("1E99999999999999999999")]
    [InlineData("1e-400")]
    [InlineData("-1e-400")]
    [InlineData("4.9e-324")]
    [InlineData("2.4703282292062328e-324")]
    [InlineData("1e-99999999999999999999")]
    public void A_numeric_date_reads_as_the_reader_reads_it(string number)
    {
        AssertNumericDateAgrees(number);
    }

    [Theory]
    [InlineData(20, "")]
    [InlineData(400, "")]
    [InlineData(5000, "")]
    [InlineData(400, "e-390")]
    [InlineData(2000, "e-2000")]
    [InlineData(1, "E0000000000000000000000000000000000000000000000000000000000000000000001")]
    public void A_numeric_date_with_many_digits_reads_as_the_reader_reads_it(int digits, string tail)
    {
        string number = string.Concat(Enumerable.Range(0, digits).Select(i => (char)('1' + (i % 9)))) + tail;

        AssertNumericDateAgrees(number);
        AssertNumericDateAgrees("0." + new string('0', digits) + "17" + tail);
    }

    [Theory]
    [InlineData("\"aud\":\"api:\\/\\/orders\"", TokenStatus.Valid)]
    [InlineData("\"aud\":[\"x\",\"api:\\u002F\\u002forders\"]", TokenStatus.Valid)]
    [InlineData("\"aud\":[ \"x\" ,\r\n\"\\u0061pi://orders\" ]", TokenStatus.Valid)]
    [InlineData("\"aud\":[\"x]\",\"api://orders\"]", TokenStatus.Valid)]
    [InlineData("\"aud\":[\"\\uD83D\\uDE00\",\"api://orders\"]", TokenStatus.Valid)]
    [InlineData("\"a\\u0075d\":[\"api://orders\"]", TokenStatus.Valid)]
    [InlineData("\"aud\":[\"api://orders\\u0000\"]", TokenStatus.AudienceInvalid)]
    [InlineData("\"aud\":[\"x\\\",\\\"api://orders\"]", TokenStatus.AudienceInvalid)]
    [InlineData("\"aud\":[\"api:\\\\/\\\\/orders\"]", TokenStatus.AudienceInvalid)]
    [InlineData("\"aud\":[]", TokenStatus.AudienceInvalid)]
    [InlineData("\"a\\u0075d\":\"x\"", TokenStatus.AudienceInvalid)]
    [InlineData("\"aud\":[\"api://orders\",[\"x\"]]", TokenStatus.ClaimInvalid)]
    [InlineData("\"aud\":[[\"api://orders\"]]", TokenStatus.ClaimInvalid)]
    [InlineData("\"aud\":[\"api://orders\",null]", TokenStatus.ClaimInvalid)]
    [InlineData("\"aud\":[\"api://orders\",{}]", TokenStatus.ClaimInvalid)]
    [InlineData("\"aud\":{\"a\":\"api://orders\"}", TokenStatus.ClaimInvalid)]
    [InlineData("\"a\\u0075d\":null", TokenStatus.ClaimInvalid)]
    public void Audiences_match_after_unescaping(string audience, TokenStatus expected)
    {
        string payload = $"{{\"iss\":\"{TestTokens.Issuer}\",\"exp\":1700003600,{audience}}}";
        string token = Token(payload);

        Assert.Equal(expected, TestTokens.Validator().StatusOf(token));
        if (expected != TokenStatus.Valid)
        {
            return;
        }

        // The result lists the same strings the reader unescapes.
        using JwtValidationResult result = TestTokens.Validator().Validate(token);
        List<string> listed = [];
        foreach (ReadOnlySpan<byte> item in result.Audiences)
        {
            listed.Add(Encoding.UTF8.GetString(item));
        }

        Assert.Equal(ReaderStrings(payload, "aud"), listed);
    }

    [Theory]
    [InlineData("{\"\\uD83D\\uDE00\":1,\"\U0001F600\":2}")]
    [InlineData("{\"a\\/b\":1,\"a/b\":2}")]
    [InlineData("{\"\\u0000\":1,\"\\u0000\":2}")]
    [InlineData("{\"\":1,\"\":2}")]
    [InlineData("{\"\\u00E9\":1,\"\u00e9\":2}")]
    [InlineData("{\"\\\"\":1,\"\\u0022\":2}")]
    [InlineData("{\"e\\u0078p\":1700003600,\"\\u0065xp\":1}")]
    public void Claim_names_equal_after_unescaping_are_duplicates(string payload)
    {
        Assert.Equal(TokenStatus.DuplicateMember, s_lenient.StatusOf(Token(payload)));
    }

    [Theory]
    [InlineData("{\"\\u00e9\":1,\"e\\u0301\":2}")]
    [InlineData("{\"A\":1,\"a\":2}")]
    [InlineData("{\"a\\\\/b\":1,\"a/b\":2}")]
    [InlineData("{\"\\u0000\":1,\"\":2}")]
    public void Claim_names_that_differ_after_unescaping_are_distinct(string payload)
    {
        Assert.Equal(TokenStatus.Valid, s_lenient.StatusOf(Token(payload)));
    }

    [Theory]
    [InlineData("{\"alg\":\"HS256\",\"\\u0078\":1,\"x\":2}")]
    [InlineData("{\"alg\":\"HS256\",\"\\/\":1,\"/\":2}")]
    [InlineData("{\"\\u0061\\u006C\\u0067\":\"HS256\",\"alg\":\"HS256\"}")]
    public void Header_names_equal_after_unescaping_are_duplicates(string header)
    {
        string token = TestTokens.Sign(JwtAlgorithm.HS256, header, "{}");

        Assert.Equal(TokenStatus.DuplicateMember, s_lenient.StatusOf(token));
    }

    [Fact]
    public void Every_truncation_of_a_claims_set_is_malformed()
    {
        const string Payload =
            "{\"sub\":\"a\\uD83D\\uDE00\",\"aud\":[\"\\u0061\"],\"n\":[1,{\"c\":-0.5e+3,\"t\":true," +
            "\"f\":false,\"z\":null}],\"e\":\"\\/\",\"exp\":1.8e9}";

        Assert.Equal(TokenStatus.Valid, s_lenient.StatusOf(Token(Payload)));
        for (int length = 1; length < Payload.Length; length++)
        {
            Assert.Equal(TokenStatus.Malformed, s_lenient.StatusOf(Token(Payload[..length])));
        }
    }

    [Fact]
    public void Every_truncation_of_a_header_is_malformed()
    {
        const string Header =
            "{\"alg\":\"H\\u0053256\",\"kid\":\"h\\u0073256\",\"x\":[{\"y\":\"\\uD83D\\uDE00\"},-1.5E-2,true,null]}";

        Assert.Equal(TokenStatus.Valid, s_lenient.StatusOf(TestTokens.Sign(JwtAlgorithm.HS256, Header, "{}")));
        for (int length = 1; length < Header.Length; length++)
        {
            string token = TestTokens.Sign(JwtAlgorithm.HS256, Header[..length], "{}");
            Assert.Equal(TokenStatus.Malformed, s_lenient.StatusOf(token));
        }
    }

    [Theory]
    [InlineData("{\"x\":{\"y\":1}   ,\"z\":2}", "{\"y\":1}")]
    [InlineData("{\"x\":[1, 2]\r\n}", "[1, 2]")]
    [InlineData("{\"x\":{}\t}", "{}")]
    [InlineData("{\"x\":[ ] ,\"z\":2}", "[ ]")]
    [InlineData("{\"x\":\"s\"  }", "\"s\"")]
    [InlineData("{\"x\":12 }", "12")]
    public void A_raw_value_ends_where_the_value_ends(string payload, string raw)
    {
        using JwtValidationResult result = s_lenient.Validate(Token(payload));

        Assert.Equal(TokenStatus.Valid, result.Status);
        Assert.True(result.TryGetClaim("x"u8, out JwtClaim claim));
        Assert.Equal(raw, Encoding.UTF8.GetString(claim.RawValue));
    }

    [Theory]
    [InlineData(32, 300, 1)]
    [InlineData(1, 1, 250)]
    [InlineData(32, 300, 250)]
    [InlineData(1, 1, 1)]
    public void Unescaped_strings_always_fit_and_never_overlap(int headerMembers, int headerValue, int claims)
    {
        // Every character escaped: each string needs its whole escaped length free to unescape.
        StringBuilder header = new($"{{\"alg\":\"{Escape("HS256")}\",\"kid\":\"{Escape("hs256")}\"");
        header.Append($",\"typ\":\"{Escape("at+jwt")}\"");
        for (int i = 3; i < headerMembers; i++)
        {
            string name = Escape($"member-{i}-" + new string('m', 40));
            header.Append($",\"{name}\":\"{Escape(new string('v', headerValue))}\"");
        }

        StringBuilder payload = new($"{{\"sub\":\"{Escape("subject")}\",\"aud\":[");
        payload.AppendJoin(',', Enumerable.Range(0, claims).Select(i => $"\"{Escape($"aud-{i}")}\""));
        payload.Append(']');
        for (int i = 0; i < claims; i++)
        {
            payload.Append($",\"{Escape($"claim-{i}")}\":\"{Escape($"value-{i}-" + new string('w', 30))}\"");
        }

        string payloadJson = payload.Append('}').ToString();
        string token = TestTokens.Sign(JwtAlgorithm.HS256, header.Append('}').ToString(), payloadJson);
        JwtValidator validator = Lenient(o =>
        {
            o.MaxTokenLength = 1 << 20;
            o.MaxClaimCount = 1000;
        });

        // A small token first and a large one after, then the other way round, through one pool.
        using (JwtValidationResult small = validator.Validate(TestTokens.Valid()))
        {
        }

        using JwtValidationResult fromChars = validator.Validate(token);
        AssertReadsAsTheReader(fromChars, payloadJson, claims);
        using JwtValidationResult fromBytes = validator.Validate(Encoding.ASCII.GetBytes(token));
        AssertReadsAsTheReader(fromBytes, payloadJson, claims);
    }

    private static void AssertReadsAsTheReader(in JwtValidationResult result, string payload, int claims)
    {
        Assert.Equal(TokenStatus.Valid, result.Status);
        Assert.Equal("hs256", Encoding.UTF8.GetString(result.KeyId));
        Assert.Equal("at+jwt", Encoding.UTF8.GetString(result.Type));
        Assert.Equal("subject", Encoding.UTF8.GetString(result.Subject));
        Assert.Equal(claims + 2, result.ClaimCount);

        List<string> audiences = [];
        foreach (ReadOnlySpan<byte> audience in result.Audiences)
        {
            audiences.Add(Encoding.UTF8.GetString(audience));
        }

        Assert.Equal(ReaderStrings(payload, "aud"), audiences);
        for (int i = 0; i < claims; i++)
        {
            Assert.True(result.TryGetString(Encoding.UTF8.GetBytes($"claim-{i}"), out ReadOnlySpan<byte> value));
            Assert.Equal(ReaderStrings(payload, $"claim-{i}").Single(), Encoding.UTF8.GetString(value));
        }

        // The header's unescaped strings are still intact after every claim was unescaped.
        Assert.Equal("hs256", Encoding.UTF8.GetString(result.KeyId));
        Assert.Equal("at+jwt", Encoding.UTF8.GetString(result.Type));
    }

    private static void AssertNumericDateAgrees(string number)
    {
        Utf8JsonReader reader = new(Encoding.UTF8.GetBytes(number));
        Assert.True(reader.Read());
        bool finite = reader.TryGetDouble(out double expected) && double.IsFinite(expected);

        foreach (string name in new[] { "iat", "n\\u0062f", "exp" })
        {
            using JwtValidationResult result = Lenient(o => o.TimeProvider = FixedTimeProvider.AtUnixSeconds(0))
                .Validate(Token($"{{\"{name}\":{number}}}"));
            if (!finite)
            {
                Assert.Equal(TokenStatus.ClaimInvalid, result.Status);
                continue;
            }

            // exp and nbf are judged against the epoch; a verdict must follow from the value alone.
            TokenStatus lifetime = name switch
            {
                "exp" when expected <= 0 => TokenStatus.Expired,
                "n\\u0062f" when expected > 0 => TokenStatus.NotYetValid,
                _ => TokenStatus.Valid,
            };
            Assert.Equal(lifetime, result.Status);
            if (result.IsValid)
            {
                double actual = name == "iat" ? result.Context.IssuedAt
                    : name == "exp" ? result.Context.ExpiresAt : result.Context.NotBefore;
                Assert.Equal(expected, actual);
                _ = result.IssuedAt;
                _ = result.ExpiresAt;
                _ = result.NotBefore;
            }
        }
    }

    /// <summary>A value nested <paramref name="depth"/> containers deep, objects and arrays in turn.</summary>
    private static string Nest(int depth)
    {
        StringBuilder open = new();
        StringBuilder close = new();
        for (int level = 0; level < depth; level++)
        {
            open.Append(level % 2 == 0 ? "{\"k\":" : "[");
            close.Insert(0, level % 2 == 0 ? '}' : ']');
        }

        return open.Append('0').Append(close).ToString();
    }

    private static string Escape(string text) => string.Concat(text.Select(c => $"\\u{(int)c:X4}"));

    private static string Token(string payload) => TestTokens.Sign(JwtAlgorithm.HS256, "{\"alg\":\"HS256\"}", payload);

    private static JwtValidator Lenient(Action<JwtValidationOptions>? configure = null) => TestTokens.Validator(o =>
    {
        o.ValidateIssuer = false;
        o.ValidateAudience = false;
        o.RequireExpirationTime = false;
        configure?.Invoke(o);
    });

    /// <summary>
    /// The strings of a top-level member (one string or an array of them), as the reader
    /// unescapes them.
    /// </summary>
    private static List<string> ReaderStrings(string payload, string name)
    {
        using JsonDocument document = JsonDocument.Parse(payload);
        foreach (JsonProperty property in document.RootElement.EnumerateObject())
        {
            if (property.Name == name)
            {
                return property.Value.ValueKind == JsonValueKind.Array
                    ? [.. property.Value.EnumerateArray().Select(e => e.GetString()!)]
                    : [property.Value.GetString()!];
            }
        }

        return [];
    }
}
