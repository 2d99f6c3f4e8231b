using System.Text.RegularExpressions;
using FastToken.Browser.Tests.Support;
using FastToken.Samples.Login;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FastToken.Browser.Tests;

/// <summary>
/// Path 4: the page on app.fasttoken.localtest, the API on api.fasttoken.localtest, the token in
/// a SameSite=None; Secure cookie for the parent domain; CORS with credentials for exactly the
/// app's origin, and the CSRF defence against every other site.
/// </summary>
[Collection(nameof(SampleSitesCollection))]
public sealed class CrossSiteTests(SampleSites sites)
{
    static CrossSiteTests() => SetDefaultExpectTimeout(30_000);

    private async Task<IPage> SignInAsync(string user)
    {
        IPage page = await sites.NewPageAsync();
        await page.GotoAsync(sites.App + "/cross");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", user + "-password");
        await page.ClickAsync("#login");
        await Expect(page.Locator("#status")).ToHaveTextAsync("Signed in as " + user);
        return page;
    }

    /// <summary>Clicks the page's form button and waits until the API's answer is the page.</summary>
    private static async Task<IResponse> SubmitFormAsync(IPage page)
    {
        IResponse response = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("#submit"),
            candidate => candidate.Request.Method == "POST"
                && candidate.Url.EndsWith("/api/orders", StringComparison.Ordinal));
        await page.WaitForURLAsync(new Regex("/api/orders$"));
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        return response;
    }

    [Fact]
    public async Task Parent_domain_cookie_is_set_secure_samesite_none_and_hidden_from_scripts()
    {
        IPage page = await SignInAsync("alice");

        IReadOnlyList<BrowserContextCookiesResult> cookies = await page.Context.CookiesAsync();
        BrowserContextCookiesResult access = Assert.Single(cookies, c => c.Name == LoginServer.AccessCookie);

        Assert.Equal("." + SampleSites.ParentDomain, access.Domain);
        Assert.True(access.Secure);
        Assert.True(access.HttpOnly);
        Assert.Equal(SameSiteAttribute.None, access.SameSite);
        Assert.DoesNotContain("access_token", await page.EvaluateAsync<string>("() => document.cookie"));
    }

    [Fact]
    public async Task Page_on_one_subdomain_calls_the_api_on_another_with_the_cookie()
    {
        IPage page = await SignInAsync("alice");

        await page.ClickAsync("#load");

        await Expect(page.Locator("#result")).ToHaveTextAsync(
            new Regex("^200 .*\"user\":\"alice\",\"via\":\"Cookie\""));
    }

    [Fact]
    public async Task Scope_and_role_still_decide_across_sites()
    {
        IPage page = await SignInAsync("bob");

        await page.ClickAsync("#admin");

        await Expect(page.Locator("#result")).ToHaveTextAsync(new Regex("^403 "));
    }

    [Fact]
    public async Task Post_from_the_allowed_origin_succeeds_by_fetch_and_by_form()
    {
        IPage page = await SignInAsync("alice");

        await page.ClickAsync("#order");
        await Expect(page.Locator("#result")).ToHaveTextAsync(new Regex("^201 .*\"item\":\"Milk\""));

        IResponse response = await SubmitFormAsync(page);

        Assert.Equal(201, response.Status);
        Assert.Contains("\"item\":\"Bread\"", await page.Locator("body").InnerTextAsync());
    }

    [Fact]
    public async Task Cross_site_form_post_riding_on_the_cookie_is_refused_by_the_csrf_defence()
    {
        IPage page = await SignInAsync("alice");
        await page.GotoAsync(sites.Evil + "/evil");

        IResponse response = await SubmitFormAsync(page);

        Assert.Equal(403, response.Status);
        Assert.Contains("Cross-site request refused", await page.Locator("body").InnerTextAsync());
    }

    [Fact]
    public async Task Another_site_cannot_read_the_api_with_the_cookie()
    {
        IPage page = await SignInAsync("alice");
        await page.GotoAsync(sites.Evil + "/evil");

        string outcome = await page.EvaluateAsync<string>(
            "api => fetch(api + '/api/orders', { credentials: 'include' })"
            + ".then(r => 'read ' + r.status, () => 'blocked')",
            sites.Api);

        Assert.Equal("blocked", outcome);
    }

    [Fact]
    public async Task Secure_cookie_is_sent_over_https_only()
    {
        IPage page = await SignInAsync("alice");

        IResponse? https = await page.GotoAsync(sites.Api + "/api/orders");
        Task<IResponse> plain = page.WaitForResponseAsync(
            response => response.Url.StartsWith(sites.ApiOverHttp, StringComparison.Ordinal));
        try
        {
            await page.GotoAsync(sites.ApiOverHttp + "/api/orders");
        }
        catch (PlaywrightException)
        {
            // Chromium shows its own error page for an error status with an empty body.
        }

        IResponse http = await plain;

        Assert.Equal(200, https!.Status);
        Assert.Contains("access_token=", await https.Request.HeaderValueAsync("cookie"));
        Assert.Equal(401, http.Status);
        Assert.Null(await http.Request.HeaderValueAsync("cookie"));
        Assert.Equal("Bearer realm=\"samples-api\"", await http.HeaderValueAsync("www-authenticate"));
    }

    [Fact]
    public async Task Without_signing_in_the_api_answers_401()
    {
        IPage page = await sites.NewPageAsync();
        await page.GotoAsync(sites.App + "/cross");

        await page.ClickAsync("#load");

        await Expect(page.Locator("#result")).ToHaveTextAsync(new Regex("^401 "));
    }
}
