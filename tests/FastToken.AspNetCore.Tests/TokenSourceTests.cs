using System.Net;
using FastToken.AspNetCore.Tests.Support;

namespace FastToken.AspNetCore.Tests;

/// <summary>Where the token is read: header, cookie, both, and what happens when they disagree.</summary>
public sealed class TokenSourceTests
{
    [Fact]
    public async Task Cookie_is_ignored_unless_configured()
    {
        await using TestApi api = await TestApi.StartAsync();

        using HttpResponseMessage response = await api.GetAsync(
            "/protected", cookie: $"access_token={TestTokens.Valid()}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Cookie_source_reads_the_named_cookie()
    {
        await using TestApi api = await TestApi.StartAsync(options =>
        {
            options.TokenSources = TokenSources.Cookie;
            options.CookieName = "__Host-at";
        });

        using HttpResponseMessage response = await api.GetAsync(
            "/protected", cookie: $"theme=dark; __Host-at={TestTokens.Valid()}; lang=en");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok Cookie", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cookie_source_ignores_the_header()
    {
        await using TestApi api = await TestApi.StartAsync(options => options.TokenSources = TokenSources.Cookie);

        using HttpResponseMessage response = await api.GetAsync("/protected", TestTokens.Valid());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Header_then_cookie_falls_back_to_the_cookie()
    {
        await using TestApi api = await TestApi.StartAsync(
            options => options.TokenSources = TokenSources.AuthorizationHeaderThenCookie);

        using HttpResponseMessage header = await api.GetAsync("/protected", TestTokens.Valid());
        using HttpResponseMessage cookie = await api.GetAsync(
            "/protected", cookie: $"access_token={TestTokens.Valid()}");

        Assert.Equal("ok AuthorizationHeader", await header.Content.ReadAsStringAsync());
        Assert.Equal("ok Cookie", await cookie.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Same_token_in_header_and_cookie_is_accepted_as_from_the_header()
    {
        await using TestApi api = await TestApi.StartAsync(
            options => options.TokenSources = TokenSources.AuthorizationHeaderThenCookie);
        string token = TestTokens.Valid();

        using HttpResponseMessage response = await api.GetAsync("/protected", token, $"access_token={token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok AuthorizationHeader", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(TokenSources.AuthorizationHeaderThenCookie)]
    [InlineData(TokenSources.CookieThenAuthorizationHeader)]
    public async Task Different_tokens_in_header_and_cookie_get_invalid_request(TokenSources sources)
    {
        await using TestApi api = await TestApi.StartAsync(options => options.TokenSources = sources);
        string header = TestTokens.Valid(new { sub = "alice" });
        string cookie = TestTokens.Valid(new { sub = "mallory" });

        using HttpResponseMessage response = await api.GetAsync("/protected", header, $"access_token={cookie}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "Bearer error=\"invalid_request\", error_description="
            + "\"The Authorization header and the token cookie carry different tokens.\"",
            response.Headers.WwwAuthenticate.ToString());
        ChallengeResponseTests.AssertNoTokenBytes(response, header);
        ChallengeResponseTests.AssertNoTokenBytes(response, cookie);
    }

    [Fact]
    public async Task Percent_encoded_cookie_gets_invalid_request()
    {
        await using TestApi api = await TestApi.StartAsync(options => options.TokenSources = TokenSources.Cookie);

        using HttpResponseMessage response = await api.GetAsync("/protected", cookie: "access_token=abc%2Bdef");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("error=\"invalid_request\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Emptied_cookie_counts_as_no_token()
    {
        await using TestApi api = await TestApi.StartAsync(options => options.TokenSources = TokenSources.Cookie);

        using HttpResponseMessage response = await api.GetAsync("/protected", cookie: "access_token=");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Chunked_cookie_is_assembled()
    {
        await using TestApi api = await TestApi.StartAsync(options => options.TokenSources = TokenSources.Cookie);
        string token = TestTokens.Valid(new { padding = new string('x', 3000) });
        int third = token.Length / 3;
        string cookie = $"access_token=chunks-3; access_tokenC1={token[..third]}; "
            + $"access_tokenC2={token[third..(2 * third)]}; access_tokenC3={token[(2 * third)..]}";

        using HttpResponseMessage response = await api.GetAsync("/me", cookie: cookie);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(token, api.LastIdentity!.Token);
        Assert.Equal("me user-1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Chunked_cookie_with_a_missing_chunk_counts_as_no_token()
    {
        await using TestApi api = await TestApi.StartAsync(options => options.TokenSources = TokenSources.Cookie);

        using HttpResponseMessage response = await api.GetAsync(
            "/protected", cookie: "access_token=chunks-2; access_tokenC1=abc");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Header_token_is_kept_without_a_copy()
    {
        await using TestApi api = await TestApi.StartAsync();
        string token = TestTokens.Valid();

        using HttpResponseMessage response = await api.GetAsync("/protected", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(api.LastIdentity!.TokenSpan.SequenceEqual(token));
        Assert.Equal(token, api.LastIdentity.Token);
    }
}
