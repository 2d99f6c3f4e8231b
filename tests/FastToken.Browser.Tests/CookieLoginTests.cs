using System.Text.RegularExpressions;
using FastToken.Browser.Tests.Support;
using FastToken.Samples.Login;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FastToken.Browser.Tests;

/// <summary>
/// Paths 2 and 3: the token in an HttpOnly cookie, relayed by the front end's proxy to the API,
/// and a server-rendered page whose server calls the API with the cookie's token as a bearer header.
/// </summary>
[Collection(nameof(SampleSitesCollection))]
public sealed class CookieLoginTests(SampleSites sites)
{
    static CookieLoginTests() => SetDefaultExpectTimeout(30_000);

    private async Task<IPage> SignInAsync(string user)
    {
        IPage page = await sites.NewPageAsync();
        await page.GotoAsync(sites.Web + "/cookie");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", user + "-password");
        await page.ClickAsync("#login");
        await Expect(page.Locator("#status")).ToHaveTextAsync("Signed in as " + user);
        return page;
    }

    private async Task<IPage> WithExpiredCookieAsync()
    {
        IPage page = await sites.NewPageAsync();
        string expired = sites.Tokens.CreateAccessToken(SampleUsers.Alice, DateTimeOffset.UtcNow.AddMinutes(-5));
        await page.Context.AddCookiesAsync(
        [
            new Cookie
            {
                Name = LoginServer.AccessCookie,
                Value = expired,
                Domain = "127.0.0.1",
                Path = "/",
                HttpOnly = true,
            },
        ]);
        return page;
    }

    [Fact]
    public async Task Cookie_login_works_and_scripts_cannot_see_the_token()
    {
        IPage page = await SignInAsync("alice");

        await page.ClickAsync("#load");

        await Expect(page.Locator("#result")).ToHaveTextAsync(
            new Regex("^200 .*\"user\":\"alice\",\"via\":\"Cookie\""));
        Assert.DoesNotContain("access_token", await page.EvaluateAsync<string>("() => document.cookie"));
        Assert.DoesNotContain("access_token", await page.Locator("#cookies").TextContentAsync());
        IReadOnlyList<BrowserContextCookiesResult> cookies = await page.Context.CookiesAsync();
        BrowserContextCookiesResult access = Assert.Single(cookies, c => c.Name == LoginServer.AccessCookie);
        Assert.True(access.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, access.SameSite);
    }

    [Fact]
    public async Task Without_the_cookie_the_api_answers_401()
    {
        IPage page = await sites.NewPageAsync();
        await page.GotoAsync(sites.Web + "/cookie");

        await page.ClickAsync("#load");

        await Expect(page.Locator("#result")).ToHaveTextAsync(new Regex("^401 "));
    }

    [Fact]
    public async Task Expired_cookie_without_a_refresh_token_gets_401()
    {
        IPage page = await WithExpiredCookieAsync();
        await page.GotoAsync(sites.Web + "/cookie");

        await page.ClickAsync("#load");

        await Expect(page.Locator("#result")).ToHaveTextAsync(new Regex("^401 $"));
    }

    [Fact]
    public async Task Expired_cookie_is_refreshed_and_the_call_retried()
    {
        IPage page = await SignInAsync("alice");
        string expired = sites.Tokens.CreateAccessToken(SampleUsers.Alice, DateTimeOffset.UtcNow.AddMinutes(-5));
        await page.Context.AddCookiesAsync(
        [
            new Cookie
            {
                Name = LoginServer.AccessCookie,
                Value = expired,
                Domain = "127.0.0.1",
                Path = "/",
                HttpOnly = true,
            },
        ]);

        await page.ClickAsync("#load");

        await Expect(page.Locator("#result")).ToHaveTextAsync(new Regex("^200 .*\\(token refreshed\\)$"));
        string renewed = (await page.Context.CookiesAsync()).Single(c => c.Name == LoginServer.AccessCookie).Value;
        Assert.NotEqual(expired, renewed);
    }

    [Fact]
    public async Task Cookie_borne_post_from_the_page_passes_the_csrf_check_and_scope_decides()
    {
        IPage alice = await SignInAsync("alice");
        IPage bob = await SignInAsync("bob");

        await alice.ClickAsync("#order");
        await bob.ClickAsync("#order");

        await Expect(alice.Locator("#result")).ToHaveTextAsync(new Regex("^201 .*\"via\":\"Cookie\""));
        await Expect(bob.Locator("#result")).ToHaveTextAsync(new Regex("^403 "));
    }

    [Fact]
    public async Task Signing_out_deletes_the_cookie()
    {
        IPage page = await SignInAsync("alice");

        await page.ClickAsync("#logout");
        await Expect(page.Locator("#status")).ToHaveTextAsync("Signed out");
        await page.ClickAsync("#load");

        await Expect(page.Locator("#result")).ToHaveTextAsync(new Regex("^401 "));
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == LoginServer.AccessCookie);
    }

    [Fact]
    public async Task Server_rendered_page_calls_the_api_with_the_cookie_token()
    {
        IPage page = await SignInAsync("bob");

        IResponse? response = await page.GotoAsync(sites.Web + "/orders");

        Assert.Equal(200, response!.Status);
        await Expect(page.Locator("#result")).ToHaveTextAsync(
            new Regex("^200 .*\"user\":\"bob\",\"via\":\"AuthorizationHeader\""));
        await Expect(page.Locator("#user")).ToHaveTextAsync("bob");
    }

    [Fact]
    public async Task Server_rendered_page_answers_401_without_or_with_an_expired_cookie()
    {
        IPage anonymous = await sites.NewPageAsync();
        IPage expired = await WithExpiredCookieAsync();

        IResponse? none = await anonymous.GotoAsync(sites.Web + "/orders");
        IResponse? stale = await expired.GotoAsync(sites.Web + "/orders");

        Assert.Equal(401, none!.Status);
        Assert.Equal(401, stale!.Status);
        await Expect(anonymous.Locator("#result")).ToHaveTextAsync("401 Sign in first.");
    }

    [Fact]
    public async Task Server_rendered_page_shows_the_apis_403()
    {
        IPage page = await SignInAsync("carol");

        IResponse? response = await page.GotoAsync(sites.Web + "/orders");

        Assert.Equal(403, response!.Status);
        await Expect(page.Locator("#result")).ToHaveTextAsync(new Regex("^403 "));
    }
}
