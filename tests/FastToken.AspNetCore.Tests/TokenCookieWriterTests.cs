using FastToken.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FastToken.AspNetCore.Tests;

/// <summary>The token cookie: attributes, browser rules, lifetime, chunks and their cleanup.</summary>
public sealed class TokenCookieWriterTests
{
    private static readonly ManualTimeProvider s_clock = new(TestTokens.Now);

    [Fact]
    public void Defaults_are_http_only_secure_lax_and_live_as_long_as_the_token()
    {
        TokenCookieWriter writer = new(new TokenCookieOptions(), s_clock);
        DefaultHttpContext context = Context();
        string token = TestTokens.Valid();

        writer.Write(context, token);

        Assert.Equal(
            $"access_token={token}; Max-Age=600; Path=/; Secure; HttpOnly; SameSite=Lax",
            Assert.Single(SetCookies(context)));
    }

    [Fact]
    public void Explicit_expiry_rounds_down_to_whole_seconds()
    {
        TokenCookieWriter writer = new(new TokenCookieOptions(), s_clock);
        DefaultHttpContext context = Context();

        writer.Write(context, "opaque-token", TestTokens.Now.AddSeconds(90.9));

        Assert.Contains("; Max-Age=90;", Assert.Single(SetCookies(context)));
    }

    [Fact]
    public void Token_without_exp_becomes_a_session_cookie()
    {
        TokenCookieWriter writer = new(new TokenCookieOptions(), s_clock);
        DefaultHttpContext context = Context();

        writer.Write(context, "opaque-token");

        Assert.Equal(
            "access_token=opaque-token; Path=/; Secure; HttpOnly; SameSite=Lax",
            Assert.Single(SetCookies(context)));
    }

    [Fact]
    public void Expired_token_deletes_the_cookie_instead()
    {
        TokenCookieWriter writer = new(new TokenCookieOptions(), s_clock);
        DefaultHttpContext context = Context();

        writer.Write(context, TestTokens.Expired());

        Assert.Equal(
            "access_token=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Secure; HttpOnly; SameSite=Lax",
            Assert.Single(SetCookies(context)));
    }

    [Fact]
    public void Parent_domain_is_written_and_must_cover_the_host()
    {
        TokenCookieWriter writer = new(
            new TokenCookieOptions { Domain = ".fasttoken.localtest", SameSite = SameSiteMode.None },
            s_clock);
        DefaultHttpContext onSubdomain = Context("login.fasttoken.localtest");
        DefaultHttpContext onParent = Context("fasttoken.localtest");
        DefaultHttpContext elsewhere = Context("fasttoken.localtest.evil.test");
        DefaultHttpContext suffixOnly = Context("notfasttoken.localtest");

        writer.Write(onSubdomain, "opaque-token");
        writer.Write(onParent, "opaque-token");

        Assert.Contains(
            "; Domain=fasttoken.localtest; Path=/; Secure; HttpOnly; SameSite=None", SetCookies(onSubdomain)[0]);
        Assert.Single(SetCookies(onParent));
        Assert.Throws<InvalidOperationException>(() => writer.Write(elsewhere, "opaque-token"));
        Assert.Throws<InvalidOperationException>(() => writer.Write(suffixOnly, "opaque-token"));
    }

    [Theory]
    [InlineData("__Host-at", false, null, "/", SameSiteMode.Lax, "__Host-")]
    [InlineData("__Host-at", true, "example.test", "/", SameSiteMode.Lax, "__Host-")]
    [InlineData("__Host-at", true, null, "/api", SameSiteMode.Lax, "__Host-")]
    [InlineData("__Secure-at", false, null, "/", SameSiteMode.Lax, "__Secure-")]
    [InlineData("at", false, null, "/", SameSiteMode.None, "SameSite=None")]
    [InlineData("a t", true, null, "/", SameSiteMode.Lax, "not an RFC 9110 token")]
    [InlineData("at", true, "exa mple.test", "/", SameSiteMode.Lax, "not a host name")]
    [InlineData("at", true, null, "api", SameSiteMode.Lax, "path must start")]
    [InlineData("at", true, null, "/a;b", SameSiteMode.Lax, "path must start")]
    public void Settings_a_browser_would_refuse_are_refused(
        string name,
        bool secure,
        string? domain,
        string path,
        SameSiteMode sameSite,
        string rule)
    {
        TokenCookieOptions options = new()
        {
            Name = name,
            Secure = secure,
            Domain = domain,
            Path = path,
            SameSite = sameSite,
        };

        ArgumentException error = Assert.Throws<ArgumentException>(() => new TokenCookieWriter(options));

        Assert.Contains(rule, error.Message);
    }

    [Fact]
    public void Host_prefixed_cookie_with_its_rules_is_accepted()
    {
        TokenCookieWriter writer = new(
            new TokenCookieOptions { Name = "__Host-at", SameSite = SameSiteMode.Strict }, s_clock);
        DefaultHttpContext context = Context();

        writer.Write(context, "opaque-token");

        Assert.Equal("__Host-at=opaque-token; Path=/; Secure; HttpOnly; SameSite=Strict", SetCookies(context)[0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a;b")]
    [InlineData("a\"b")]
    [InlineData("=")]
    public void Values_that_are_not_b64tokens_are_refused(string token)
    {
        TokenCookieWriter writer = new(new TokenCookieOptions(), s_clock);

        Assert.Throws<ArgumentException>(() => writer.Write(Context(), token));
    }

    [Fact]
    public void Long_token_is_chunked_and_reads_back_through_the_extractor()
    {
        TokenCookieWriter writer = new(new TokenCookieOptions { ChunkSize = 1000 }, s_clock);
        DefaultHttpContext context = Context();
        string token = TestTokens.Valid(new { padding = new string('p', 5000) });

        writer.Write(context, token);

        // Each chunk holds 1000 - "access_token".Length - "=".Length - 4 (room for "C" and the number).
        int chunks = (token.Length + 982) / 983;
        string[] cookies = SetCookies(context);
        Assert.True(chunks > 5);
        Assert.Equal(chunks + 1, cookies.Length);
        Assert.StartsWith($"access_token=chunks-{chunks}; Max-Age=600;", cookies[0]);
        Assert.All(cookies, cookie => Assert.True(cookie.IndexOf(';') <= 1000, "name=value fits the chunk size"));
        Assert.Equal(token, ReadBack(cookies));
    }

    [Fact]
    public void Shorter_token_deletes_the_chunks_of_the_longer_one()
    {
        TokenCookieWriter writer = new(new TokenCookieOptions { ChunkSize = 1000 }, s_clock);
        DefaultHttpContext context = Context();
        context.Request.Headers.Cookie = "access_token=chunks-3; access_tokenC1=a; access_tokenC2=b; "
            + "access_tokenC3=c; access_tokenC03=x; other=1";
        string token = TestTokens.Valid(new { padding = new string('p', 1000) });

        writer.Write(context, token);

        string[] cookies = SetCookies(context);
        Assert.StartsWith("access_token=chunks-2;", cookies[0]);
        Assert.StartsWith("access_tokenC1=", cookies[1]);
        Assert.StartsWith("access_tokenC2=", cookies[2]);
        Assert.Equal(
            "access_tokenC3=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; "
            + "Path=/; Secure; HttpOnly; SameSite=Lax",
            Assert.Single(cookies[3..]));
        Assert.Equal(token, ReadBack(cookies[..3]));
    }

    [Fact]
    public void Short_token_deletes_every_old_chunk()
    {
        TokenCookieWriter writer = new(new TokenCookieOptions(), s_clock);
        DefaultHttpContext context = Context();
        context.Request.Headers.Cookie = "access_token=chunks-2; access_tokenC1=a; access_tokenC2=b";

        writer.Write(context, "opaque-token");

        string[] cookies = SetCookies(context);
        Assert.Equal(3, cookies.Length);
        Assert.StartsWith("access_token=opaque-token;", cookies[0]);
        Assert.StartsWith("access_tokenC1=; Max-Age=0;", cookies[1]);
        Assert.StartsWith("access_tokenC2=; Max-Age=0;", cookies[2]);
    }

    [Fact]
    public void Delete_removes_the_cookie_and_its_chunks_with_the_same_domain_and_path()
    {
        TokenCookieWriter writer = new(new TokenCookieOptions { Domain = "example.test", Path = "/app" }, s_clock);
        DefaultHttpContext context = Context("www.example.test");
        context.Request.Headers.Cookie = "access_token=chunks-1; access_tokenC1=a";

        writer.Delete(context);

        Assert.Equal(
            [
                "access_token=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; "
                + "Domain=example.test; Path=/app; Secure; HttpOnly; SameSite=Lax",
                "access_tokenC1=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; "
                + "Domain=example.test; Path=/app; Secure; HttpOnly; SameSite=Lax",
            ],
            SetCookies(context));
    }

    [Fact]
    public void Double_submit_token_is_random_readable_by_scripts_and_strict()
    {
        DefaultHttpContext first = Context();
        DefaultHttpContext second = Context();

        string one = DoubleSubmitToken.Issue(first.Response);
        string two = DoubleSubmitToken.Issue(second.Response);

        Assert.NotEqual(one, two);
        Assert.Equal(43, one.Length);
        Assert.Equal($"__Host-csrf={one}; Path=/; Secure; SameSite=Strict", Assert.Single(SetCookies(first)));
    }

    [Fact]
    public async Task Cookie_written_at_login_authenticates_the_next_request()
    {
        TokenCookieWriter writer = new(new TokenCookieOptions { ChunkSize = 1000 }, s_clock);
        string token = TestTokens.Valid(new { padding = new string('p', 3000) });
        await using TestApi api = await TestApi.StartAsync(
            options => options.TokenSources = TokenSources.Cookie,
            map: app => app.MapPost("/login", (HttpContext context) => writer.Write(context, token)));

        using HttpResponseMessage login = await api.SendAsync(HttpMethod.Post, "/login");
        string cookieHeader = string.Join(
            "; ", login.Headers.GetValues("Set-Cookie").Select(cookie => cookie[..cookie.IndexOf(';')]));
        using HttpResponseMessage me = await api.GetAsync("/me", cookie: cookieHeader);

        Assert.True(login.Headers.GetValues("Set-Cookie").Count() > 2);
        Assert.Equal(System.Net.HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(token, api.LastIdentity!.Token);
    }

    private static DefaultHttpContext Context(string host = "api.example.test")
    {
        DefaultHttpContext context = new();
        context.Request.Scheme = "https";
        context.Request.Host = new HostString(host);
        return context;
    }

    private static string[] SetCookies(HttpContext context)
        => [.. context.Response.Headers.SetCookie.OfType<string>()];

    /// <summary>What a browser would send back for these Set-Cookie values, read by the extractor.</summary>
    private static string ReadBack(string[] setCookies)
    {
        string cookieHeader = string.Join("; ", setCookies.Select(cookie => cookie[..cookie.IndexOf(';')]));
        TokenExtractor extractor = new(new TokenExtractionOptions { Sources = TokenSources.Cookie });
        char[] buffer = new char[extractor.RequiredChunkBufferLength];

        ExtractionStatus status = extractor.Extract([], [cookieHeader], buffer, out ReadOnlySpan<char> token, out _);

        Assert.Equal(ExtractionStatus.Found, status);
        return token.ToString();
    }
}
