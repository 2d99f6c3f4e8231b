using System.Text;

namespace FastToken.Tests.Extraction;

/// <summary>
/// Every prefix of a valid field value, as a connection cut short or a header-size limit
/// would leave it, must end in the exact status that the oracle gives, and never in an exception.
/// </summary>
public class TruncatedInputTests
{
    private const string Jwt =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

    public static TheoryData<string> AuthorizationValues => new()
    {
        "Bearer " + Jwt,
        "bearer   mF_9.B5f-4.1JqM==  ",
        "Basic dXNlcjpwYXNz",
    };

    public static TheoryData<string> CookieHeaders => new()
    {
        "theme=dark; access_token=\"" + Jwt + "\"; lang=en",
        "access_token=chunks-3; access_tokenC1=eyJhbGci; access_tokenC2=OiJI; access_tokenC3=UzI1NiJ9",
        "a=1;;access_token = abc=def ;b",
    };

    [Theory]
    [MemberData(nameof(AuthorizationValues))]
    public void Every_prefix_of_an_authorization_value_gets_the_oracle_status(string fieldValue)
    {
        for (int length = 0; length <= fieldValue.Length; length++)
        {
            string prefix = fieldValue[..length];
            (ExtractionStatus expected, string expectedToken) = Oracle.Bearer(prefix);

            ExtractionStatus status = BearerToken.TryParse(prefix, out ReadOnlySpan<char> token);
            ExtractionStatus rawStatus =
                BearerToken.TryParse(Encoding.ASCII.GetBytes(prefix), out ReadOnlySpan<byte> rawToken);

            Assert.Equal((expected, expectedToken), (status, token.ToString()));
            Assert.Equal((expected, expectedToken), (rawStatus, Encoding.ASCII.GetString(rawToken)));
        }
    }

    [Fact]
    public void Prefixes_of_a_bearer_value_move_from_not_found_to_empty_to_found()
    {
        const string value = "Bearer abc";

        ExtractionStatus[] statuses = Enumerable.Range(0, value.Length + 1)
            .Select(length => BearerToken.TryParse(value.AsSpan(0, length), out _))
            .ToArray();

        ExtractionStatus[] expected =
        [
            .. Enumerable.Repeat(ExtractionStatus.NotFound, 6),
            ExtractionStatus.EmptyBearerToken,
            ExtractionStatus.EmptyBearerToken,
            .. Enumerable.Repeat(ExtractionStatus.Found, 3),
        ];
        Assert.Equal(expected, statuses);
    }

    [Theory]
    [MemberData(nameof(CookieHeaders))]
    public void Every_prefix_of_a_cookie_header_gets_the_oracle_value(string header)
    {
        for (int length = 0; length <= header.Length; length++)
        {
            string prefix = header[..length];
            string? expected = Oracle.Cookie([prefix], "access_token");

            bool found = CookieHeader.TryGetValue(prefix, "access_token", out ReadOnlySpan<char> value);
            bool rawFound = CookieHeader.TryGetValue(
                Encoding.ASCII.GetBytes(prefix), "access_token"u8, out ReadOnlySpan<byte> rawValue);

            Assert.Equal(expected, found ? value.ToString() : null);
            Assert.Equal(expected, rawFound ? Encoding.ASCII.GetString(rawValue) : null);
        }
    }

    [Theory]
    [MemberData(nameof(CookieHeaders))]
    public void Every_prefix_of_a_cookie_header_gets_the_oracle_chunk_status(string header)
    {
        char[] buffer = new char[16];

        for (int length = 0; length <= header.Length; length++)
        {
            string prefix = header[..length];
            var expected = Oracle.ChunkedCookie([prefix], "access_token", 4, buffer.Length);

            ExtractionStatus status =
                CookieHeader.TryGetChunkedValue(prefix, "access_token", buffer, 4, out ReadOnlySpan<char> value);

            Assert.Equal(expected, (status, value.ToString()));
        }
    }

    [Theory]
    [InlineData(TokenSources.AuthorizationHeader)]
    [InlineData(TokenSources.Cookie)]
    [InlineData(TokenSources.AuthorizationHeaderThenCookie)]
    [InlineData(TokenSources.CookieThenAuthorizationHeader)]
    public void Every_prefix_pair_through_the_extractor_gets_a_defined_status(TokenSources sources)
    {
        var extractor = new TokenExtractor(new TokenExtractionOptions { Sources = sources, MaxChunks = 4 });
        string authorization = "Bearer eyJhbGci";
        string cookie = "x=1; access_token=chunks-2; access_tokenC1=eyJh; access_tokenC2=bGci";

        for (int authorizationLength = 0; authorizationLength <= authorization.Length; authorizationLength++)
        {
            for (int cookieLength = 0; cookieLength <= cookie.Length; cookieLength++)
            {
                var (status, token, source) = TokenExtractorTests.ExtractBoth(
                    extractor, [authorization[..authorizationLength]], [cookie[..cookieLength]]);

                Assert.True(Enum.IsDefined(status));
                Assert.Equal(status == ExtractionStatus.Found, source != TokenSource.None);
                Assert.Equal(status == ExtractionStatus.Found, token.Length > 0);
            }
        }
    }
}
