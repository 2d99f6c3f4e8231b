using System.Text.RegularExpressions;
using FastToken.Browser.Tests.Support;
using FastToken.Samples.Login;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FastToken.Browser.Tests;

/// <summary>Path 1: the token comes back in the body, stays in sessionStorage, goes out as a bearer header.</summary>
[Collection(nameof(SampleSitesCollection))]
public sealed class HeaderLoginTests(SampleSites sites)
{
    static HeaderLoginTests() => SetDefaultExpectTimeout(30_000);

    private async Task<IPage> SignInAsync(string user)
    {
        IPage page = await sites.NewPageAsync();
        await page.GotoAsync(sites.Web + "/header");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", user + "-password");
        await page.ClickAsync("#login");
        await Expect(page.Locator("#status")).ToHaveTextAsync("Signed in as " + user);
        return page;
    }

    [Fact]
    public async Task Signed_in_user_sees_the_orders()
    {
        IPage page = await SignInAsync("alice");

        await page.ClickAsync("#load");

        await Expect(page.Locator("#result")).ToHaveTextAsync(
            new Regex("^200 .*\"user\":\"alice\",\"via\":\"AuthorizationHeader\""));
        string? stored = await page.EvaluateAsync<string?>("() => sessionStorage.getItem('access_token')");
        Assert.StartsWith("eyJ", stored);
    }

    [Fact]
    public async Task Wrong_password_is_refused()
    {
        IPage page = await sites.NewPageAsync();
        await page.GotoAsync(sites.Web + "/header");
        await page.FillAsync("#password", "guess");

        await page.ClickAsync("#login");

        await Expect(page.Locator("#status")).ToHaveTextAsync("Sign-in failed (401)");
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401()
    {
        IPage page = await sites.NewPageAsync();
        await page.GotoAsync(sites.Web + "/header");

        await page.ClickAsync("#load");

        await Expect(page.Locator("#result")).ToHaveTextAsync(new Regex("^401 "));
    }

    [Fact]
    public async Task Expired_token_without_a_refresh_token_gets_401()
    {
        IPage page = await sites.NewPageAsync();
        await page.GotoAsync(sites.Web + "/header");
        string expired = sites.Tokens.CreateAccessToken(SampleUsers.Alice, DateTimeOffset.UtcNow.AddMinutes(-5));
        await page.EvaluateAsync("token => sessionStorage.setItem('access_token', token)", expired);

        await page.ClickAsync("#load");

        await Expect(page.Locator("#result")).ToHaveTextAsync(new Regex("^401 $"));
    }

    [Fact]
    public async Task Expired_token_is_refreshed_and_the_call_retried()
    {
        IPage page = await SignInAsync("alice");
        string expired = sites.Tokens.CreateAccessToken(SampleUsers.Alice, DateTimeOffset.UtcNow.AddMinutes(-5));
        await page.EvaluateAsync("token => sessionStorage.setItem('access_token', token)", expired);

        await page.ClickAsync("#load");

        await Expect(page.Locator("#result")).ToHaveTextAsync(new Regex("^200 .*\\(token refreshed\\)$"));
        Assert.NotEqual(expired, await page.EvaluateAsync<string>("() => sessionStorage.getItem('access_token')"));
    }

    [Fact]
    public async Task Missing_scope_gets_403_and_a_granted_one_201()
    {
        IPage bob = await SignInAsync("bob");
        IPage alice = await SignInAsync("alice");

        await bob.ClickAsync("#order");
        await alice.ClickAsync("#order");

        await Expect(bob.Locator("#result")).ToHaveTextAsync(new Regex("^403 "));
        await Expect(alice.Locator("#result")).ToHaveTextAsync(new Regex("^201 .*\"item\":\"Milk\""));
    }

    [Fact]
    public async Task Missing_role_gets_403()
    {
        IPage bob = await SignInAsync("bob");
        IPage alice = await SignInAsync("alice");

        await bob.ClickAsync("#admin");
        await alice.ClickAsync("#admin");

        await Expect(bob.Locator("#result")).ToHaveTextAsync(new Regex("^403 "));
        await Expect(alice.Locator("#result")).ToHaveTextAsync("200 {\"admin\":\"alice\"}");
    }

    [Fact]
    public async Task Signing_out_forgets_the_token()
    {
        IPage page = await SignInAsync("alice");

        await page.ClickAsync("#logout");
        await Expect(page.Locator("#status")).ToHaveTextAsync("Signed out");
        await page.ClickAsync("#load");

        await Expect(page.Locator("#result")).ToHaveTextAsync(new Regex("^401 "));
    }
}
