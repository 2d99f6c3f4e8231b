using System.Net;
using FastToken.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FastToken.AspNetCore.Tests;

/// <summary>Scope and role requirements judged on the token, and their 403 answer.</summary>
public sealed class TokenRequirementTests
{
    private static Task<TestApi> StartAsync() => TestApi.StartAsync(
        options => options.Realm = "orders",
        map: app =>
        {
            app.MapGet("/orders", (HttpContext context) => Capture(context)).RequireTokenScope("orders.read");
            app.MapPost("/orders", (HttpContext context) => Capture(context))
                .RequireTokenScope("orders.read", "orders.write");
            app.MapGet("/ops", (HttpContext context) => Capture(context)).RequireTokenRole("admin", "ops");
            app.MapGet("/attribute", [RequireTokenScope("orders.read")] (HttpContext context) => Capture(context));
            RouteGroupBuilder group = app.MapGroup("/reports").RequireTokenScope("reports");
            group.MapGet("/", (HttpContext context) => Capture(context));
            group.MapGet("/admin", (HttpContext context) => Capture(context)).RequireTokenRole("admin");
            app.MapGet("/policy", (HttpContext context) => Capture(context)).RequireAuthorization("archive");
        },
        services: services => services.AddAuthorization(options => options.AddPolicy(
            "archive",
            policy => policy.AddRequirements(new TokenRequirement(["archive.read"], [])))));

    private static string Capture(HttpContext context)
    {
        FastTokenIdentity identity = (FastTokenIdentity)context.User.Identity!;
        TokenRequirementAttribute? first =
            context.GetEndpoint()?.Metadata.GetMetadata<TokenRequirementAttribute>();
        bool judgedInPass = first is not null && identity.GetVerdict(first.Requirement) is not null;
        return (identity.ClaimsLoaded ? "claims loaded" : "no claims built")
            + (judgedInPass ? ", judged in the validation pass" : string.Empty);
    }

    [Theory]
    [InlineData("orders.read")]
    [InlineData("profile orders.read")]
    [InlineData("  orders.read  email ")]
    public async Task Granted_scope_is_allowed_without_building_claims(string scope)
    {
        await using TestApi api = await StartAsync();

        using HttpResponseMessage response = await api.GetAsync("/orders", TestTokens.Valid(new { scope }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "no claims built, judged in the validation pass", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("orders.readonly")]
    [InlineData("ORDERS.READ")]
    [InlineData("")]
    public async Task Missing_scope_gets_insufficient_scope_naming_it(string scope)
    {
        await using TestApi api = await StartAsync();

        using HttpResponseMessage response = await api.GetAsync("/orders", TestTokens.Valid(new { scope }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(
            "Bearer realm=\"orders\", error=\"insufficient_scope\", error_description="
            + "\"The token does not grant the access this request requires.\", scope=\"orders.read\"",
            response.Headers.WwwAuthenticate.ToString());
        ChallengeResponseTests.AssertNoStore(response);
    }

    [Fact]
    public async Task Token_without_any_scope_claim_is_forbidden()
    {
        await using TestApi api = await StartAsync();

        using HttpResponseMessage response = await api.GetAsync("/orders", TestTokens.Valid());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task No_token_and_bad_token_are_still_challenged_not_forbidden()
    {
        await using TestApi api = await StartAsync();

        using HttpResponseMessage none = await api.GetAsync("/orders");
        using HttpResponseMessage expired = await api.GetAsync("/orders", TestTokens.Expired());

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer realm=\"orders\"", none.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("error=\"invalid_token\"", expired.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("orders.read orders.write", HttpStatusCode.OK)]
    [InlineData("orders.write orders.read", HttpStatusCode.OK)]
    [InlineData("orders.read", HttpStatusCode.Forbidden)]
    public async Task Every_listed_scope_is_needed(string scope, HttpStatusCode expected)
    {
        await using TestApi api = await StartAsync();

        using HttpResponseMessage response = await api.SendAsync(
            HttpMethod.Post, "/orders", TestTokens.Valid(new { scope }));

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.EndsWith("scope=\"orders.read orders.write\"", response.Headers.WwwAuthenticate.ToString());
        }
    }

    [Fact]
    public async Task Scp_claim_as_a_string_or_an_array_grants_scopes()
    {
        await using TestApi api = await StartAsync();

        using HttpResponseMessage text = await api.GetAsync("/orders", TestTokens.Valid(new { scp = "orders.read" }));
        using HttpResponseMessage array = await api.SendAsync(
            HttpMethod.Post,
            "/orders",
            TestTokens.Valid(new { scp = new object[] { "orders.read", 7, "orders.write" } }));

        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        Assert.Equal(HttpStatusCode.OK, array.StatusCode);
    }

    [Fact]
    public async Task Escaped_scope_string_is_compared_unescaped()
    {
        await using TestApi api = await StartAsync();
        Dictionary<string, object?> claims = TestTokens.Claims(null);
        string json = System.Text.Json.JsonSerializer.Serialize(claims)[..^1] + ",\"scope\":\"orders\\u002eread\"}";
        string token = JwtWriter.Create(TestTokens.EcKey, JwtAlgorithm.ES256, json);

        using HttpResponseMessage response = await api.GetAsync("/orders", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Escaped_claim_names_are_recognised_unescaped()
    {
        await using TestApi api = await StartAsync();
        Dictionary<string, object?> claims = TestTokens.Claims(null);
        string json = System.Text.Json.JsonSerializer.Serialize(claims)[..^1] +
            ",\"\\u0072oles\":[\"ops\"],\"sc\\u006fpe\":\"orders.read\"}";
        string token = JwtWriter.Create(TestTokens.EcKey, JwtAlgorithm.ES256, json);

        using HttpResponseMessage roles = await api.GetAsync("/ops", token);
        using HttpResponseMessage scope = await api.GetAsync("/orders", token);

        Assert.Equal(HttpStatusCode.OK, roles.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scope.StatusCode);
    }

    [Fact]
    public async Task Scope_claim_of_the_wrong_type_grants_nothing()
    {
        await using TestApi api = await StartAsync();

        using HttpResponseMessage response = await api.GetAsync(
            "/orders", TestTokens.Valid(new { scope = new { value = "orders.read" } }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("roles", new[] { "ops" }, HttpStatusCode.OK)]
    [InlineData("roles", new[] { "user", "admin" }, HttpStatusCode.OK)]
    [InlineData("role", new[] { "admin" }, HttpStatusCode.OK)]
    [InlineData("roles", new[] { "user" }, HttpStatusCode.Forbidden)]
    [InlineData("groups", new[] { "admin" }, HttpStatusCode.Forbidden)]
    public async Task One_listed_role_is_enough(string claim, string[] roles, HttpStatusCode expected)
    {
        await using TestApi api = await StartAsync();
        Dictionary<string, object?> claims = TestTokens.Claims(null);
        claims[claim] = roles;

        using HttpResponseMessage response = await api.GetAsync(
            "/ops", TestTokens.Create(claims, TestTokens.EcKey, JwtAlgorithm.ES256));

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.DoesNotContain("scope=", response.Headers.WwwAuthenticate.ToString());
        }
    }

    [Fact]
    public async Task Single_role_string_is_one_role()
    {
        await using TestApi api = await StartAsync();

        using HttpResponseMessage one = await api.GetAsync("/ops", TestTokens.Valid(new { role = "ops" }));
        using HttpResponseMessage notSplit = await api.GetAsync("/ops", TestTokens.Valid(new { role = "user ops" }));

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notSplit.StatusCode);
    }

    [Fact]
    public async Task Attribute_on_a_handler_works_like_the_extension()
    {
        await using TestApi api = await StartAsync();

        using HttpResponseMessage allowed = await api.GetAsync(
            "/attribute", TestTokens.Valid(new { scope = "orders.read" }));
        using HttpResponseMessage refused = await api.GetAsync("/attribute", TestTokens.Valid(new { scope = "other" }));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(
            "no claims built, judged in the validation pass", await allowed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Group_and_endpoint_requirements_add_up()
    {
        await using TestApi api = await StartAsync();

        using HttpResponseMessage reports = await api.GetAsync(
            "/reports/", TestTokens.Valid(new { scope = "reports" }));
        using HttpResponseMessage noRole = await api.GetAsync(
            "/reports/admin", TestTokens.Valid(new { scope = "reports" }));
        using HttpResponseMessage both = await api.GetAsync(
            "/reports/admin", TestTokens.Valid(new { scope = "reports", roles = new[] { "admin" } }));
        using HttpResponseMessage noScope = await api.GetAsync(
            "/reports/admin", TestTokens.Valid(new { roles = new[] { "admin" } }));

        Assert.Equal(HttpStatusCode.OK, reports.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noRole.StatusCode);
        Assert.Equal(HttpStatusCode.OK, both.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noScope.StatusCode);
        Assert.EndsWith("scope=\"reports\"", noScope.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Requirement_in_a_named_policy_is_judged_from_the_token()
    {
        await using TestApi api = await StartAsync();

        using HttpResponseMessage allowed = await api.GetAsync(
            "/policy", TestTokens.Valid(new { scope = "archive.read" }));
        using HttpResponseMessage refused = await api.GetAsync(
            "/policy", TestTokens.Valid(new { scope = "orders.read" }));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("no claims built", await allowed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.EndsWith("scope=\"archive.read\"", refused.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Controller_action_attribute_is_honoured()
    {
        await using TestApi api = await TestApi.StartAsync(
            map: app => app.MapControllers(),
            services: services => services.AddControllers().AddApplicationPart(typeof(OrdersController).Assembly));

        using HttpResponseMessage allowed = await api.GetAsync(
            "/controller/orders", TestTokens.Valid(new { scope = "orders.read" }));
        using HttpResponseMessage refused = await api.GetAsync("/controller/orders", TestTokens.Valid());

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("orders for user-1", await allowed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.EndsWith("scope=\"orders.read\"", refused.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData(new string[0], new string[0])]
    [InlineData(new[] { "a b" }, new string[0])]
    [InlineData(new[] { "" }, new string[0])]
    [InlineData(new[] { "a\"b" }, new string[0])]
    [InlineData(new string[0], new[] { "r\\s" })]
    public void Requirement_refuses_values_that_are_not_names(string[] scopes, string[] roles)
    {
        Assert.Throws<ArgumentException>(() => new TokenRequirement(scopes, roles));
    }

    [Fact]
    public void Requirement_lists_at_most_32_scopes()
    {
        string[] scopes = [.. Enumerable.Range(0, 33).Select(i => "s" + i)];

        Assert.Throws<ArgumentException>(() => new TokenRequirement(scopes, []));
        Assert.Equal(uint.MaxValue, new TokenRequirement(scopes[..32], []).AllScopes);
    }
}

/// <summary>A controller whose action needs a scope.</summary>
[ApiController]
[Route("controller/orders")]
public sealed class OrdersController : ControllerBase
{
    /// <summary>Lists orders.</summary>
    [HttpGet]
    [RequireTokenScope("orders.read")]
    public string Get() => "orders for " + User.Identity?.Name;
}
