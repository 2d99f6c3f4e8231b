using System.Net;
using FastToken.AspNetCore.Tests.Support;
using FastToken.Policies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FastToken.AspNetCore.Tests;

/// <summary>Generated and run-time token policies on endpoints: one validation pass, 401 or 403.</summary>
public sealed class TokenPolicyTests
{
    private static readonly TokenPolicy s_archivePolicy =
        new TokenPolicyBuilder().RequireScopes("archive.read").Build();

    private static Task<TestApi> StartAsync() => TestApi.StartAsync(
        map: app =>
        {
            app.MapPost("/orders", Describe).RequireTokenPolicy<OrdersWritePolicy>();
            app.MapGet("/fresh", Describe).RequireTokenPolicy<FreshTokenPolicy>();
            app.MapGet("/hmac", Describe).RequireTokenPolicy<HmacOnlyPolicy>();
            app.MapGet("/archive", Describe).RequireTokenPolicy("archive", s_archivePolicy);
            app.MapGet(
                "/attribute",
                [RequireTokenPolicy(typeof(OrdersWritePolicy))] (HttpContext context) => Describe(context));
            app.MapGet("/both", Describe).RequireTokenPolicy<OrdersWritePolicy>().RequireTokenScope("orders.read");
            app.MapGet("/named", Describe).RequireAuthorization("orders-write");
        },
        services: services => services.AddAuthorization(options => options.AddPolicy(
            "orders-write",
            policy => policy.AddRequirements(TokenPolicyRequirement.For<OrdersWritePolicy>()))));

    private static string Describe(HttpContext context)
    {
        FastTokenIdentity identity = (FastTokenIdentity)context.User.Identity!;
        RequireTokenPolicyAttribute? policy =
            context.GetEndpoint()?.Metadata.GetMetadata<RequireTokenPolicyAttribute>();
        bool judged = policy is not null && identity.GetPolicyVerdict(policy.Requirement) is not null;
        return (identity.ClaimsLoaded ? "claims loaded" : "no claims built")
            + (judged ? ", judged in the validation pass" : ", judged later");
    }

    [Theory]
    [InlineData("clerk")]
    [InlineData("manager")]
    public async Task Token_that_meets_the_generated_policy_is_allowed_in_one_pass(string role)
    {
        await using TestApi api = await StartAsync();

        using HttpResponseMessage response = await api.SendAsync(
            HttpMethod.Post, "/orders", TestTokens.Valid(new { scope = "orders.write", roles = new[] { role } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no claims built, judged in the validation pass", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Missing_scope_gets_403_naming_it()
    {
        await using TestApi api = await StartAsync();

        using HttpResponseMessage response = await api.SendAsync(
            HttpMethod.Post, "/orders", TestTokens.Valid(new { scope = "orders.read", roles = new[] { "clerk" } }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(
            "Bearer error=\"insufficient_scope\", error_description="
            + "\"The token does not grant the access this request requires.\", scope=\"orders.write\"",
            response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Missing_role_gets_403_without_a_scope()
    {
        await using TestApi api = await StartAsync();

        using HttpResponseMessage response = await api.SendAsync(
            HttpMethod.Post, "/orders", TestTokens.Valid(new { scope = "orders.write", roles = new[] { "guest" } }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("scope=", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Token_older_than_the_policy_allows_is_invalid()
    {
        await using TestApi api = await StartAsync();

        using HttpResponseMessage response = await api.GetAsync("/fresh", TestTokens.Valid());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(
            "Bearer error=\"invalid_token\", error_description=\"The token is too old for this resource.\"",
            response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Algorithm_the_policy_does_not_allow_makes_the_token_invalid()
    {
        await using TestApi api = await StartAsync();

        using HttpResponseMessage ec = await api.GetAsync("/hmac", TestTokens.Valid());
        using HttpResponseMessage hmac = await api.GetAsync("/hmac", TestTokens.Valid(algorithm: JwtAlgorithm.HS256));

        Assert.Equal(HttpStatusCode.Unauthorized, ec.StatusCode);
        Assert.Contains("The token algorithm is not allowed.", ec.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.OK, hmac.StatusCode);
    }

    [Fact]
    public async Task Invalid_token_and_no_token_are_challenged_as_usual()
    {
        await using TestApi api = await StartAsync();

        using HttpResponseMessage none = await api.SendAsync(HttpMethod.Post, "/orders");
        using HttpResponseMessage expired = await api.SendAsync(HttpMethod.Post, "/orders", TestTokens.Expired());

        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.ToString());
        Assert.Contains("The token expired.", expired.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Run_time_policy_works_like_a_generated_one()
    {
        await using TestApi api = await StartAsync();

        using HttpResponseMessage allowed = await api.GetAsync(
            "/archive", TestTokens.Valid(new { scope = "archive.read" }));
        using HttpResponseMessage refused = await api.GetAsync(
            "/archive", TestTokens.Valid(new { scope = "orders.read" }));

        Assert.Equal("no claims built, judged in the validation pass", await allowed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.EndsWith("scope=\"archive.read\"", refused.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Attribute_names_the_policy_type()
    {
        await using TestApi api = await StartAsync();

        using HttpResponseMessage allowed = await api.GetAsync(
            "/attribute", TestTokens.Valid(new { scope = "orders.write", roles = new[] { "clerk" } }));
        using HttpResponseMessage refused = await api.GetAsync("/attribute", TestTokens.Valid());

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Policy_and_scope_requirement_on_one_endpoint_both_count()
    {
        await using TestApi api = await StartAsync();
        string writer = TestTokens.Valid(new { scope = "orders.write", roles = new[] { "clerk" } });
        string both = TestTokens.Valid(new { scope = "orders.write orders.read", roles = new[] { "clerk" } });

        using HttpResponseMessage onlyPolicy = await api.GetAsync("/both", writer);
        using HttpResponseMessage allowed = await api.GetAsync("/both", both);

        Assert.Equal(HttpStatusCode.Forbidden, onlyPolicy.StatusCode);
        Assert.EndsWith("scope=\"orders.read\"", onlyPolicy.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Policy_in_a_named_authorization_policy_is_judged_by_validating_again()
    {
        await using TestApi api = await StartAsync();

        using HttpResponseMessage allowed = await api.GetAsync(
            "/named", TestTokens.Valid(new { scope = "orders.write", roles = new[] { "manager" } }));
        using HttpResponseMessage refused = await api.GetAsync(
            "/named", TestTokens.Valid(new { scope = "orders.write" }));

        Assert.Equal("no claims built, judged later", await allowed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public void Type_that_is_not_a_generated_policy_is_refused()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => TokenPolicyRequirement.For(typeof(string)));

        Assert.Contains("is not a generated token policy", error.Message);
    }
}
