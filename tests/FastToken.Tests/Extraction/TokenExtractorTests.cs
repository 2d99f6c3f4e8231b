using System.Text;

namespace FastToken.Tests.Extraction;

public class TokenExtractorTests
{
    private const TokenSources Header = TokenSources.AuthorizationHeader;
    private const TokenSources Cookie = TokenSources.Cookie;
    private const TokenSources HeaderThenCookie = TokenSources.AuthorizationHeaderThenCookie;
    private const TokenSources CookieThenHeader = TokenSources.CookieThenAuthorizationHeader;

    private const TokenSource FromHeader = TokenSource.AuthorizationHeader;
    private const TokenSource FromCookie = TokenSource.Cookie;
    private const TokenSource Nowhere = TokenSource.None;

    public static TheoryData<TokenSources, string?[], string?[], ExtractionStatus, string, TokenSource> Cases => new()
    {
        // Header only, the default: cookies are never read.
        { Header, ["Bearer abc"], [], ExtractionStatus.Found, "abc", FromHeader },
        { Header, ["Bearer abc"], ["access_token=other"], ExtractionStatus.Found, "abc", FromHeader },
        { Header, [], ["access_token=abc"], ExtractionStatus.NotFound, "", Nowhere },
        { Header, [], ["access_token=bad%20value"], ExtractionStatus.NotFound, "", Nowhere },
        { Header, ["Basic dXNlcjpwYXNz"], [], ExtractionStatus.NotFound, "", Nowhere },
        { Header, [null], [], ExtractionStatus.NotFound, "", Nowhere },
        { Header, [""], [], ExtractionStatus.NotFound, "", Nowhere },
        { Header, ["Bearer"], [], ExtractionStatus.EmptyBearerToken, "", Nowhere },
        { Header, ["Bearer a b"], [], ExtractionStatus.InvalidTokenCharacters, "", Nowhere },
        { Header, ["Bearer abc, Bearer def"], [], ExtractionStatus.InvalidTokenCharacters, "", Nowhere },

        // More than one Authorization field is malformed, whatever the fields say.
        { Header, ["Bearer abc", "Bearer abc"], [], ExtractionStatus.MultipleAuthorizationHeaders, "", Nowhere },
        { Header, ["Bearer abc", "Bearer def"], [], ExtractionStatus.MultipleAuthorizationHeaders, "", Nowhere },
        { Header, ["Basic x", "Bearer abc"], [], ExtractionStatus.MultipleAuthorizationHeaders, "", Nowhere },
        { Header, ["Bearer abc", null], [], ExtractionStatus.MultipleAuthorizationHeaders, "", Nowhere },

        // Cookie only: the Authorization field is never read.
        { Cookie, [], ["access_token=abc"], ExtractionStatus.Found, "abc", FromCookie },
        { Cookie, ["Bearer other"], ["access_token=abc"], ExtractionStatus.Found, "abc", FromCookie },
        { Cookie, ["Bearer a", "Bearer b"], ["access_token=abc"], ExtractionStatus.Found, "abc", FromCookie },
        { Cookie, ["Bearer abc"], [], ExtractionStatus.NotFound, "", Nowhere },
        { Cookie, [], ["a=1", "access_token=\"abc==\""], ExtractionStatus.Found, "abc==", FromCookie },
        { Cookie, [], ["access_token="], ExtractionStatus.NotFound, "", Nowhere },
        { Cookie, [], ["access_token=\"\""], ExtractionStatus.NotFound, "", Nowhere },
        { Cookie, [], ["access_token=ab%2Bc"], ExtractionStatus.InvalidCookieTokenCharacters, "", Nowhere },
        { Cookie, [], ["access_token=a=b"], ExtractionStatus.InvalidCookieTokenCharacters, "", Nowhere },
        { Cookie, [], ["access_token=\"abc"], ExtractionStatus.InvalidCookieTokenCharacters, "", Nowhere },
        { Cookie, [], ["access_token=chunks-2; access_tokenC1=ab; access_tokenC2=cd"],
            ExtractionStatus.Found, "abcd", FromCookie },
        { Cookie, [], ["access_token=chunks-2; access_tokenC1=ab"], ExtractionStatus.CookieChunkMissing, "", Nowhere },
        { Cookie, [], ["access_token=chunks-5"], ExtractionStatus.TooManyCookieChunks, "", Nowhere },
        { Cookie, [], ["access_token=chunks-x"], ExtractionStatus.InvalidCookieChunkCount, "", Nowhere },
        { Cookie, [], ["access_token=chunks-2; access_tokenC1=a%; access_tokenC2=b"],
            ExtractionStatus.InvalidCookieTokenCharacters, "", Nowhere },

        // Header then cookie.
        { HeaderThenCookie, ["Bearer abc"], [], ExtractionStatus.Found, "abc", FromHeader },
        { HeaderThenCookie, [], ["access_token=abc"], ExtractionStatus.Found, "abc", FromCookie },
        { HeaderThenCookie, ["Basic dXNlcjpwYXNz"], ["access_token=abc"], ExtractionStatus.Found, "abc", FromCookie },
        { HeaderThenCookie, ["Bearer abc"], ["access_token=abc"], ExtractionStatus.Found, "abc", FromHeader },
        { HeaderThenCookie, ["Bearer abc"], ["access_token=\"abc\""], ExtractionStatus.Found, "abc", FromHeader },
        { HeaderThenCookie, ["Bearer abc"], ["access_token=def"], ExtractionStatus.ConflictingTokens, "", Nowhere },
        { HeaderThenCookie, ["Bearer abc"], ["access_token=abc="], ExtractionStatus.ConflictingTokens, "", Nowhere },
        { HeaderThenCookie, ["Bearer"], ["access_token=abc"], ExtractionStatus.EmptyBearerToken, "", Nowhere },
        { HeaderThenCookie, ["Bearer a,b"], ["access_token=abc"],
            ExtractionStatus.InvalidTokenCharacters, "", Nowhere },
        { HeaderThenCookie, ["Bearer abc", "Bearer abc"], ["access_token=abc"],
            ExtractionStatus.MultipleAuthorizationHeaders, "", Nowhere },
        { HeaderThenCookie, ["Bearer abc"], ["access_token=a%b"], ExtractionStatus.Found, "abc", FromHeader },
        { HeaderThenCookie, ["Bearer abc"], ["access_token=chunks-3"], ExtractionStatus.Found, "abc", FromHeader },
        { HeaderThenCookie, [], ["access_token=a%b"], ExtractionStatus.InvalidCookieTokenCharacters, "", Nowhere },
        { HeaderThenCookie, [], ["access_token=chunks-3"], ExtractionStatus.CookieChunkMissing, "", Nowhere },
        { HeaderThenCookie, [], [], ExtractionStatus.NotFound, "", Nowhere },

        // Cookie then header.
        { CookieThenHeader, [], ["access_token=abc"], ExtractionStatus.Found, "abc", FromCookie },
        { CookieThenHeader, ["Bearer abc"], [], ExtractionStatus.Found, "abc", FromHeader },
        { CookieThenHeader, ["Bearer abc"], ["access_token=abc"], ExtractionStatus.Found, "abc", FromHeader },
        { CookieThenHeader, ["Bearer abc"], ["access_token=def"], ExtractionStatus.ConflictingTokens, "", Nowhere },
        { CookieThenHeader, ["Bearer abc"], ["access_token=a%b"],
            ExtractionStatus.InvalidCookieTokenCharacters, "", Nowhere },
        { CookieThenHeader, ["Bearer"], ["access_token=abc"], ExtractionStatus.Found, "abc", FromCookie },
        { CookieThenHeader, ["Bearer a", "Bearer b"], ["access_token=abc"], ExtractionStatus.Found, "abc", FromCookie },
        { CookieThenHeader, ["Bearer"], [], ExtractionStatus.EmptyBearerToken, "", Nowhere },
        { CookieThenHeader, ["Bearer"], ["access_token=chunks-3"], ExtractionStatus.EmptyBearerToken, "", Nowhere },
        { CookieThenHeader, ["Basic x"], ["access_token=chunks-3"], ExtractionStatus.CookieChunkMissing, "", Nowhere },
        { CookieThenHeader, ["Bearer abcd"], ["access_token=chunks-2; access_tokenC1=ab; access_tokenC2=cd"],
            ExtractionStatus.Found, "abcd", FromHeader },
        { CookieThenHeader, ["Bearer abce"], ["access_token=chunks-2; access_tokenC1=ab; access_tokenC2=cd"],
            ExtractionStatus.ConflictingTokens, "", Nowhere },
        { CookieThenHeader, [], ["access_token="], ExtractionStatus.NotFound, "", Nowhere },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Extracts_according_to_the_configured_sources(
        TokenSources sources,
        string?[] authorization,
        string?[] cookies,
        ExtractionStatus expectedStatus,
        string expectedToken,
        TokenSource expectedSource)
    {
        var extractor = new TokenExtractor(new TokenExtractionOptions { Sources = sources, MaxChunks = 4 });

        var result = ExtractBoth(extractor, authorization, cookies);

        Assert.Equal((expectedStatus, expectedToken, expectedSource), result);
    }

    [Fact]
    public void The_same_token_in_both_places_is_reported_as_a_slice_of_the_header()
    {
        var extractor = new TokenExtractor(new TokenExtractionOptions { Sources = CookieThenHeader });
        string header = "Bearer abc";
        char[] buffer = new char[extractor.RequiredChunkBufferLength];

        extractor.Extract([header], ["access_token=abc"], buffer, out ReadOnlySpan<char> token, out _);

        Assert.True(header.AsSpan().Overlaps(token));
    }

    [Fact]
    public void Uses_the_configured_cookie_name()
    {
        var extractor = new TokenExtractor(new TokenExtractionOptions { Sources = Cookie, CookieName = "__Host-at" });

        var result = ExtractBoth(extractor, [], ["access_token=no; __host-at=no; __Host-at=yes"]);

        Assert.Equal((ExtractionStatus.Found, "yes", FromCookie), result);
    }

    [Fact]
    public void Bounds_the_assembled_cookie_by_the_maximum_token_length()
    {
        var extractor = new TokenExtractor(new TokenExtractionOptions { Sources = Cookie, MaxTokenLength = 4 });

        var fits = ExtractBoth(extractor, [], ["access_token=chunks-2; access_tokenC1=ab; access_tokenC2=cd"]);
        var tooLong = ExtractBoth(extractor, [], ["access_token=chunks-2; access_tokenC1=ab; access_tokenC2=cde"]);

        Assert.Equal((ExtractionStatus.Found, "abcd", FromCookie), fits);
        Assert.Equal((ExtractionStatus.CookieChunksTooLong, "", Nowhere), tooLong);
    }

    [Fact]
    public void Does_not_bound_an_unchunked_cookie_by_the_maximum_token_length()
    {
        var extractor = new TokenExtractor(new TokenExtractionOptions { Sources = Cookie, MaxTokenLength = 4 });

        var result = ExtractBoth(extractor, [], ["access_token=abcdefgh"]);

        Assert.Equal((ExtractionStatus.Found, "abcdefgh", FromCookie), result);
    }

    [Fact]
    public void Uses_no_more_of_the_chunk_buffer_than_the_maximum_token_length()
    {
        var extractor = new TokenExtractor(new TokenExtractionOptions { Sources = Cookie, MaxTokenLength = 4 });
        char[] buffer = new char[64];

        ExtractionStatus status = extractor.Extract(
            [], ["access_token=chunks-2; access_tokenC1=abc; access_tokenC2=de"], buffer, out _, out _);

        Assert.Equal(ExtractionStatus.CookieChunksTooLong, status);
    }

    [Theory]
    [InlineData(Header, 16, 0)]
    [InlineData(Cookie, 16, 16 * 1024)]
    [InlineData(HeaderThenCookie, 16, 16 * 1024)]
    [InlineData(CookieThenHeader, 16, 16 * 1024)]
    [InlineData(Cookie, 0, 0)]
    public void Needs_a_chunk_buffer_only_when_chunked_cookies_can_be_read(
        TokenSources sources,
        int maxChunks,
        int expected)
    {
        var extractor = new TokenExtractor(new TokenExtractionOptions { Sources = sources, MaxChunks = maxChunks });

        Assert.Equal(expected, extractor.RequiredChunkBufferLength);
        Assert.Equal(sources, extractor.Sources);
    }

    [Fact]
    public void Refuses_a_chunk_buffer_that_is_too_small_whatever_the_request()
    {
        var extractor = new TokenExtractor(
            new TokenExtractionOptions { Sources = HeaderThenCookie, MaxTokenLength = 8 });

        Assert.Throws<ArgumentException>(() => extractor.Extract([], [], new char[7], out _, out _));
        Assert.Throws<ArgumentException>(() => extractor.Extract([], 0, [], new byte[7], out _, out _));
    }

    [Fact]
    public void Needs_no_buffer_without_chunked_cookies()
    {
        var extractor = new TokenExtractor(new TokenExtractionOptions { Sources = Cookie, MaxChunks = 0 });

        ExtractionStatus plain = extractor.Extract([], ["access_token=abc"], [], out _, out _);
        ExtractionStatus chunked =
            extractor.Extract([], ["access_token=chunks-1; access_tokenC1=abc"], [], out _, out _);

        Assert.Equal(ExtractionStatus.Found, plain);
        Assert.Equal(ExtractionStatus.TooManyCookieChunks, chunked);
    }

    [Fact]
    public void Refuses_a_negative_authorization_field_count()
    {
        var extractor = new TokenExtractor();

        Assert.Throws<ArgumentOutOfRangeException>(() => extractor.Extract("Bearer abc"u8, -1, [], [], out _, out _));
    }

    [Fact]
    public void Ignores_the_raw_authorization_value_unless_exactly_one_field_was_counted()
    {
        var extractor = new TokenExtractor();

        ExtractionStatus status = extractor.Extract("Bearer abc"u8, 0, [], [], out ReadOnlySpan<byte> token, out _);

        Assert.Equal(ExtractionStatus.NotFound, status);
        Assert.True(token.IsEmpty);
    }

    [Fact]
    public void Copies_the_options_when_built()
    {
        var options = new TokenExtractionOptions { Sources = Cookie, CookieName = "a" };
        var extractor = new TokenExtractor(options);

        options.CookieName = "b";
        options.Sources = Header;

        Assert.Equal((ExtractionStatus.Found, "1", FromCookie), ExtractBoth(extractor, [], ["b=2; a=1"]));
    }

    [Fact]
    public void Defaults_to_the_authorization_header_and_documented_bounds()
    {
        var options = new TokenExtractionOptions();

        Assert.Equal(Header, options.Sources);
        Assert.Equal("access_token", options.CookieName);
        Assert.Equal(16, options.MaxChunks);
        Assert.Equal(16 * 1024, options.MaxTokenLength);
        Assert.Equal(Header, new TokenExtractor().Sources);
    }

    [Theory]
    [InlineData("")]
    [InlineData("access token")]
    [InlineData("a;b")]
    [InlineData("a=b")]
    [InlineData("a\"b")]
    [InlineData("jéton")]
    public void Refuses_a_cookie_name_that_is_not_a_token(string name)
    {
        var options = new TokenExtractionOptions { CookieName = name };

        Assert.Throws<ArgumentException>(() => new TokenExtractor(options));
    }

    [Fact]
    public void Refuses_invalid_options()
    {
        Assert.Throws<ArgumentNullException>(() => new TokenExtractor(null!));
        Assert.Throws<ArgumentNullException>(() => Build(new() { CookieName = null! }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Build(new() { MaxChunks = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Build(new() { MaxTokenLength = 0 }));
        Assert.Throws<ArgumentException>(() => Build(new() { Sources = (TokenSources)42 }));

        static TokenExtractor Build(TokenExtractionOptions options) => new(options);
    }

    /// <summary>
    /// Runs the string and the raw-byte entry points on the same request, checks that they
    /// agree, and returns the result as plain values.
    /// </summary>
    internal static (ExtractionStatus Status, string Token, TokenSource Source) ExtractBoth(
        TokenExtractor extractor,
        string?[] authorization,
        string?[] cookies)
    {
        char[] chars = new char[extractor.RequiredChunkBufferLength];
        ExtractionStatus status =
            extractor.Extract(authorization, cookies, chars, out ReadOnlySpan<char> token, out TokenSource source);
        var fromChars = (status, token.ToString(), source);

        // A raw server sees one Authorization value and its count, and one joined Cookie value.
        byte[] rawAuthorization = authorization.Length == 1 ? Encoding.UTF8.GetBytes(authorization[0] ?? "") : [];
        byte[] rawCookie = Encoding.UTF8.GetBytes(string.Join("; ", cookies));
        byte[] bytes = new byte[extractor.RequiredChunkBufferLength];
        status = extractor.Extract(
            rawAuthorization, authorization.Length, rawCookie, bytes, out ReadOnlySpan<byte> rawToken, out source);
        var fromBytes = (status, Encoding.UTF8.GetString(rawToken), source);

        Assert.Equal(fromChars, fromBytes);
        return fromChars;
    }
}
