using System.Net;
using FastToken.AspNetCore.Tests.Support;

namespace FastToken.AspNetCore.Tests;

/// <summary>Authority: keys and issuer from OpenID discovery, and what an outage looks like.</summary>
public sealed class AuthorityTests
{
    private static Task<TestApi> StartApiAsync(FakeIssuer issuer)
        => TestApi.StartFromConfigurationAsync(
            new Dictionary<string, string?>
            {
                ["Authentication:Schemes:FastToken:Authority"] = issuer.Issuer,
                ["Authentication:Schemes:FastToken:Audience"] = TestTokens.Audience,
            });

    [Fact]
    public async Task Token_of_the_discovered_issuer_is_accepted_after_one_discovery()
    {
        await using FakeIssuer issuer = await FakeIssuer.StartAsync();
        await using TestApi api = await StartApiAsync(issuer);

        Task<HttpResponseMessage>[] concurrent =
            [.. Enumerable.Range(0, 4).Select(_ => api.GetAsync("/protected", issuer.Token()))];
        HttpResponseMessage[] responses = await Task.WhenAll(concurrent);
        using HttpResponseMessage later = await api.GetAsync("/protected", issuer.Token());

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(1, issuer.DiscoveryRequests);
        foreach (HttpResponseMessage response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Token_of_another_issuer_is_refused()
    {
        await using FakeIssuer issuer = await FakeIssuer.StartAsync();
        await using TestApi api = await StartApiAsync(issuer);

        using HttpResponseMessage response = await api.GetAsync(
            "/protected", issuer.Token("https://elsewhere.test"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("The token issuer is not accepted.", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Unreachable_issuer_gives_503_then_recovers_after_the_retry_delay()
    {
        await using FakeIssuer issuer = await FakeIssuer.StartAsync();
        await using TestApi api = await StartApiAsync(issuer);
        issuer.Down = true;

        using HttpResponseMessage outage = await api.GetAsync("/protected", issuer.Token());
        issuer.Down = false;
        using HttpResponseMessage tooSoon = await api.GetAsync("/protected", issuer.Token());
        int attemptsBeforeTheDelay = issuer.DiscoveryRequests;
        api.Clock.Now += AuthorityValidatorSource.RetryDelay;
        using HttpResponseMessage recovered = await api.GetAsync("/protected", issuer.Token());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, outage.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), outage.Headers.RetryAfter?.Delta);
        Assert.False(outage.Headers.Contains("WWW-Authenticate"));
        ChallengeResponseTests.AssertNoStore(outage);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, tooSoon.StatusCode);
        Assert.Equal(1, attemptsBeforeTheDelay);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal(2, issuer.DiscoveryRequests);
        Assert.Contains(api.Logs.Entries, entry => entry.EventId.Id == 9);
    }

    [Fact]
    public async Task Request_without_token_does_not_need_the_issuer()
    {
        await using FakeIssuer issuer = await FakeIssuer.StartAsync();
        await using TestApi api = await StartApiAsync(issuer);
        issuer.Down = true;

        using HttpResponseMessage response = await api.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(0, issuer.DiscoveryRequests);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://issuer.test")]
    public async Task Authority_must_be_an_http_address(string authority)
    {
        await using TestApi api = await TestApi.StartFromConfigurationAsync(
            new Dictionary<string, string?>
            {
                ["Authentication:Schemes:FastToken:Authority"] = authority,
                ["Authentication:Schemes:FastToken:Audience"] = TestTokens.Audience,
            });

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => api.GetAsync("/protected"));

        Assert.Contains("is not an absolute http(s) address", error.Message);
    }
}
