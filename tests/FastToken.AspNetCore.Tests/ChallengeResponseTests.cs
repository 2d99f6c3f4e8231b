using System.Net;
using FastToken.AspNetCore.Tests.Support;

namespace FastToken.AspNetCore.Tests;

/// <summary>The responses of RFC 6750 §3, as a client receives them.</summary>
public sealed class ChallengeResponseTests
{
    [Fact]
    public async Task Valid_token_reaches_the_endpoint()
    {
        await using TestApi api = await TestApi.StartAsync();

        using HttpResponseMessage response = await api.GetAsync("/protected", TestTokens.Valid());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok AuthorizationHeader", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Hmac_token_reaches_the_endpoint()
    {
        await using TestApi api = await TestApi.StartAsync();

        using HttpResponseMessage response = await api.GetAsync(
            "/protected", TestTokens.Valid(algorithm: JwtAlgorithm.HS256));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JwtAlgorithm.HS256, api.LastIdentity!.Algorithm);
    }

    [Fact]
    public async Task No_credentials_get_a_bare_bearer_challenge()
    {
        await using TestApi api = await TestApi.StartAsync();

        using HttpResponseMessage response = await api.GetAsync("/protected");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.GetValues("WWW-Authenticate")));
        AssertNoStore(response);
    }

    [Fact]
    public async Task Another_scheme_in_the_Authorization_header_counts_as_no_credentials()
    {
        await using TestApi api = await TestApi.StartAsync();

        using HttpResponseMessage response = await api.SendAsync(
            HttpMethod.Get,
            "/protected",
            configure: request => request.Headers.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwdw=="));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.GetValues("WWW-Authenticate")));
    }

    [Fact]
    public async Task The_realm_is_sent_in_every_challenge()
    {
        await using TestApi api = await TestApi.StartAsync(options => options.Realm = "orders");

        using HttpResponseMessage none = await api.GetAsync("/protected");
        using HttpResponseMessage expired = await api.GetAsync("/protected", TestTokens.Expired());

        Assert.Equal("Bearer realm=\"orders\"", Assert.Single(none.Headers.GetValues("WWW-Authenticate")));
        Assert.StartsWith(
            "Bearer realm=\"orders\", error=\"invalid_token\"",
            Assert.Single(expired.Headers.GetValues("WWW-Authenticate")));
    }

    [Fact]
    public async Task Quotes_and_backslashes_in_the_realm_are_escaped()
    {
        await using TestApi api = await TestApi.StartAsync(options => options.Realm = "a \"quoted\" \\ realm");

        using HttpResponseMessage response = await api.GetAsync("/protected");

        Assert.Equal(
            "Bearer realm=\"a \\\"quoted\\\" \\\\ realm\"",
            Assert.Single(response.Headers.GetValues("WWW-Authenticate")));
    }

    [Fact]
    public async Task Expired_token_gets_invalid_token()
    {
        await using TestApi api = await TestApi.StartAsync();
        string token = TestTokens.Expired();

        using HttpResponseMessage response = await api.GetAsync("/protected", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        string challenge = Assert.Single(response.Headers.GetValues("WWW-Authenticate"));
        Assert.Equal("Bearer error=\"invalid_token\", error_description=\"The token expired.\"", challenge);
        AssertNoStore(response);
        AssertNoTokenBytes(response, token);
    }

    [Fact]
    public async Task Token_expired_by_the_clock_moving_on_gets_invalid_token()
    {
        await using TestApi api = await TestApi.StartAsync();
        string token = TestTokens.Valid();

        using HttpResponseMessage before = await api.GetAsync("/protected", token);
        api.Clock.Now = TestTokens.Now.AddHours(1);
        using HttpResponseMessage after = await api.GetAsync("/protected", token);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("error=\"invalid_token\"", after.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Forged_signature_gets_invalid_token()
    {
        await using TestApi api = await TestApi.StartAsync();
        string token = TestTokens.ForgedSignature();

        using HttpResponseMessage response = await api.GetAsync("/protected", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(
            "Bearer error=\"invalid_token\", error_description=\"The token signature is invalid.\"",
            Assert.Single(response.Headers.GetValues("WWW-Authenticate")));
        AssertNoTokenBytes(response, token);
    }

    [Theory]
    [InlineData("iss", "https://elsewhere.test", "The token issuer is not accepted.")]
    [InlineData("aud", "api://other", "The token audience is not accepted.")]
    public async Task Wrong_issuer_or_audience_gets_invalid_token(string claim, string value, string description)
    {
        await using TestApi api = await TestApi.StartAsync();
        Dictionary<string, object?> claims = TestTokens.Claims(null);
        claims[claim] = value;
        string token = TestTokens.Create(claims, TestTokens.EcKey, JwtAlgorithm.ES256);

        using HttpResponseMessage response = await api.GetAsync("/protected", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains($"error_description=\"{description}\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Garbage_token_gets_invalid_token_without_echoing_it()
    {
        await using TestApi api = await TestApi.StartAsync();
        const string Garbage = "not-a-jwt-but-a-b64token";

        using HttpResponseMessage response = await api.GetAsync("/protected", Garbage);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
        AssertNoTokenBytes(response, Garbage);
    }

    [Fact]
    public async Task Two_authorization_headers_get_invalid_request()
    {
        await using TestApi api = await TestApi.StartAsync();

        using HttpResponseMessage response = await api.SendAsync(
            HttpMethod.Get,
            "/protected",
            configure: request => request.Headers.TryAddWithoutValidation(
                "Authorization", [$"Bearer {TestTokens.Valid()}", $"Bearer {TestTokens.Valid()}"]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "Bearer error=\"invalid_request\", "
            + "error_description=\"The request has more than one Authorization header.\"",
            Assert.Single(response.Headers.GetValues("WWW-Authenticate")));
        AssertNoStore(response);
    }

    [Theory]
    [InlineData("Bearer ")]
    [InlineData("Bearer a,b")]
    [InlineData("Bearer abc def")]
    public async Task Malformed_bearer_credentials_get_invalid_request(string authorization)
    {
        await using TestApi api = await TestApi.StartAsync();

        using HttpResponseMessage response = await api.SendAsync(
            HttpMethod.Get,
            "/protected",
            configure: request => request.Headers.TryAddWithoutValidation("Authorization", authorization));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Bearer error=\"invalid_request\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Missing_role_gets_insufficient_scope()
    {
        await using TestApi api = await TestApi.StartAsync(options => options.Realm = "orders");

        using HttpResponseMessage response = await api.GetAsync(
            "/admin", TestTokens.Valid(new { roles = new[] { "user" } }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(
            "Bearer realm=\"orders\", error=\"insufficient_scope\", "
            + "error_description=\"The token does not grant the access this request requires.\"",
            Assert.Single(response.Headers.GetValues("WWW-Authenticate")));
        AssertNoStore(response);
    }

    [Fact]
    public async Task Present_role_is_allowed()
    {
        await using TestApi api = await TestApi.StartAsync();

        using HttpResponseMessage response = await api.GetAsync(
            "/admin", TestTokens.Valid(new { roles = new[] { "user", "admin" } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_endpoint_runs_anonymously_for_an_invalid_token()
    {
        await using TestApi api = await TestApi.StartAsync();

        using HttpResponseMessage invalid = await api.GetAsync("/anonymous", TestTokens.Expired());
        using HttpResponseMessage valid = await api.GetAsync("/anonymous", TestTokens.Valid());

        Assert.Equal("anonymous", await invalid.Content.ReadAsStringAsync());
        Assert.Equal("authenticated", await valid.Content.ReadAsStringAsync());
    }

    internal static void AssertNoStore(HttpResponseMessage response)
    {
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control must say no-store.");
    }

    internal static void AssertNoTokenBytes(HttpResponseMessage response, string token)
    {
        string[] parts = token.Split('.');
        string headers = response.Headers.ToString() + response.Content.Headers;
        foreach (string part in parts.Where(p => p.Length >= 8))
        {
            Assert.DoesNotContain(part, headers, StringComparison.Ordinal);
        }
    }
}
