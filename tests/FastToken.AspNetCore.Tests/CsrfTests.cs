using System.Net;
using FastToken.AspNetCore.Tests.Support;

namespace FastToken.AspNetCore.Tests;

/// <summary>The CSRF defence for cookie-borne tokens, end to end.</summary>
public sealed class CsrfTests
{
    private const string AllowedOrigin = "https://app.example.test";

    private static Task<TestApi> StartCookieApiAsync(Action<FastTokenCsrfOptions>? csrf = null)
        => TestApi.StartAsync(options =>
        {
            options.TokenSources = TokenSources.AuthorizationHeaderThenCookie;
            options.Csrf.AllowedOrigins.Add(AllowedOrigin);
            csrf?.Invoke(options.Csrf);
        });

    private static string Cookie() => $"access_token={TestTokens.Valid()}";

    [Fact]
    public async Task Cross_site_post_riding_on_the_cookie_is_refused_with_the_reason()
    {
        await using TestApi api = await StartCookieApiAsync();

        using HttpResponseMessage response = await api.SendAsync(
            HttpMethod.Post,
            "/protected",
            cookie: Cookie(),
            configure: request =>
            {
                request.Headers.Add("Origin", "https://evil.test");
                request.Headers.Add("Sec-Fetch-Site", "cross-site");
            });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(CsrfRefusal.OriginNotAllowed.GetDescription(), await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
        ChallengeResponseTests.AssertNoStore(response);
    }

    [Fact]
    public async Task Post_from_the_allowed_origin_is_accepted()
    {
        await using TestApi api = await StartCookieApiAsync();

        using HttpResponseMessage response = await api.SendAsync(
            HttpMethod.Post,
            "/protected",
            cookie: Cookie(),
            configure: request =>
            {
                request.Headers.Add("Origin", "HTTPS://APP.example.test");
                request.Headers.Add("Sec-Fetch-Site", "cross-site");
            });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok Cookie", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Same_origin_post_is_accepted()
    {
        await using TestApi api = await StartCookieApiAsync();

        using HttpResponseMessage fetchMetadata = await api.SendAsync(
            HttpMethod.Post,
            "/protected",
            cookie: Cookie(),
            configure: request => request.Headers.Add("Sec-Fetch-Site", "same-origin"));
        using HttpResponseMessage originOnly = await api.SendAsync(
            HttpMethod.Post,
            "/protected",
            cookie: Cookie(),
            configure: request => request.Headers.Add("Origin", "http://localhost"));

        Assert.Equal(HttpStatusCode.OK, fetchMetadata.StatusCode);
        Assert.Equal(HttpStatusCode.OK, originOnly.StatusCode);
    }

    [Fact]
    public async Task Same_origin_can_be_turned_off()
    {
        await using TestApi api = await StartCookieApiAsync(csrf => csrf.AllowSameOrigin = false);

        using HttpResponseMessage response = await api.SendAsync(
            HttpMethod.Post,
            "/protected",
            cookie: Cookie(),
            configure: request => request.Headers.Add("Origin", "http://localhost"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Post_without_origin_is_refused_by_default()
    {
        await using TestApi api = await StartCookieApiAsync();

        using HttpResponseMessage response = await api.SendAsync(HttpMethod.Post, "/protected", cookie: Cookie());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(CsrfRefusal.OriginMissing.GetDescription(), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Opaque_origin_is_refused()
    {
        await using TestApi api = await StartCookieApiAsync();

        using HttpResponseMessage response = await api.SendAsync(
            HttpMethod.Post,
            "/protected",
            cookie: Cookie(),
            configure: request => request.Headers.Add("Origin", "null"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(CsrfRefusal.OpaqueOrigin.GetDescription(), await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("OPTIONS")]
    public async Task Safe_methods_need_no_origin(string method)
    {
        await using TestApi api = await StartCookieApiAsync();

        using HttpResponseMessage response = await api.SendAsync(
            new HttpMethod(method),
            "/protected",
            cookie: Cookie(),
            configure: request => request.Headers.Add("Origin", "https://evil.test"));

        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Bearer_header_needs_no_csrf_check()
    {
        await using TestApi api = await StartCookieApiAsync();

        using HttpResponseMessage response = await api.SendAsync(
            HttpMethod.Post,
            "/protected",
            TestTokens.Valid(),
            configure: request =>
            {
                request.Headers.Add("Origin", "https://evil.test");
                request.Headers.Add("Sec-Fetch-Site", "cross-site");
            });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok AuthorizationHeader", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Matching_double_submit_token_is_accepted_and_a_wrong_one_is_not()
    {
        await using TestApi api = await StartCookieApiAsync(csrf => csrf.DoubleSubmitCookieName = "__Host-csrf");
        string cookie = Cookie() + "; __Host-csrf=k3y-0f-th1s-s3ss10n";

        using HttpResponseMessage matching = await api.SendAsync(
            HttpMethod.Post,
            "/protected",
            cookie: cookie,
            configure: request => request.Headers.Add("X-CSRF-Token", "k3y-0f-th1s-s3ss10n"));
        using HttpResponseMessage wrong = await api.SendAsync(
            HttpMethod.Post,
            "/protected",
            cookie: cookie,
            configure: request => request.Headers.Add("X-CSRF-Token", "k3y-0f-an0ther-one"));

        Assert.Equal(HttpStatusCode.OK, matching.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
    }

    [Fact]
    public async Task Refused_cookie_leaves_an_anonymous_endpoint_anonymous()
    {
        await using TestApi api = await StartCookieApiAsync();

        using HttpResponseMessage response = await api.SendAsync(
            HttpMethod.Post,
            "/anonymous",
            cookie: Cookie(),
            configure: request => request.Headers.Add("Origin", "https://evil.test"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("anonymous", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Disabled_defence_accepts_any_origin()
    {
        await using TestApi api = await StartCookieApiAsync(csrf => csrf.Enabled = false);

        using HttpResponseMessage response = await api.SendAsync(
            HttpMethod.Post,
            "/protected",
            cookie: Cookie(),
            configure: request => request.Headers.Add("Origin", "https://evil.test"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
