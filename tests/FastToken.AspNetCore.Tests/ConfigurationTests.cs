using System.Net;
using FastToken.AspNetCore.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FastToken.AspNetCore.Tests;

/// <summary>Options bound from configuration, and misconfiguration caught with a clear message.</summary>
public sealed class ConfigurationTests
{
    private const string Section = "Authentication:Schemes:FastToken:";

    private static Dictionary<string, string?> BaseSettings() => new()
    {
        [Section + "Issuers:0"] = TestTokens.Issuer,
        [Section + "Audience"] = TestTokens.Audience,
        [Section + "SigningKeysJson"] = TestTokens.TrustedKeys.ToJson(includePrivateParameters: true),
    };

    [Fact]
    public async Task Scheme_works_from_configuration_alone()
    {
        await using TestApi api = await TestApi.StartFromConfigurationAsync(BaseSettings());

        using HttpResponseMessage response = await api.GetAsync("/protected", TestTokens.Valid());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Every_setting_is_bound()
    {
        Dictionary<string, string?> settings = BaseSettings();
        settings[Section + "ValidIssuer"] = "https://second.test";
        settings[Section + "ValidAudiences:0"] = "api://second";
        settings[Section + "Algorithms:0"] = "ES256";
        settings[Section + "Algorithms:1"] = "HS256";
        settings[Section + "ClockSkew"] = "00:02:00";
        settings[Section + "RequiredType"] = "at+jwt";
        settings[Section + "TokenSources"] = "authorizationHeaderThenCookie";
        settings[Section + "CookieName"] = "__Host-token";
        settings[Section + "MaxCookieChunks"] = "4";
        settings[Section + "MaxTokenLength"] = "8192";
        settings[Section + "Realm"] = "orders";
        settings[Section + "NameClaimType"] = "name";
        settings[Section + "RoleClaimType"] = "role";
        settings[Section + "RequireExpirationTime"] = "false";
        settings[Section + "Csrf:AllowedOrigins:0"] = "https://app.example.test";
        settings[Section + "Csrf:DoubleSubmitCookieName"] = "__Host-csrf";
        settings[Section + "Csrf:AllowRequestsWithoutOrigin"] = "true";

        await using TestApi api = await TestApi.StartFromConfigurationAsync(settings);
        FastTokenOptions options = api.App.Services.GetRequiredService<IOptionsMonitor<FastTokenOptions>>()
            .Get(FastTokenDefaults.AuthenticationScheme);

        Assert.Equal([TestTokens.Issuer, "https://second.test"], options.Issuers);
        Assert.Equal(["api://second"], options.Audiences);
        Assert.Equal(TestTokens.Audience, options.Audience);
        Assert.Equal([JwtAlgorithm.ES256, JwtAlgorithm.HS256], options.Algorithms);
        Assert.Equal(TimeSpan.FromMinutes(2), options.ClockSkew);
        Assert.Equal("at+jwt", options.RequiredType);
        Assert.Equal(TokenSources.AuthorizationHeaderThenCookie, options.TokenSources);
        Assert.Equal("__Host-token", options.CookieName);
        Assert.Equal(4, options.MaxCookieChunks);
        Assert.Equal(8192, options.MaxTokenLength);
        Assert.Equal("orders", options.Realm);
        Assert.Equal("name", options.NameClaimType);
        Assert.Equal("role", options.RoleClaimType);
        Assert.False(options.RequireExpirationTime);
        Assert.Equal(["https://app.example.test"], options.Csrf.AllowedOrigins);
        Assert.Equal("__Host-csrf", options.Csrf.DoubleSubmitCookieName);
        Assert.True(options.Csrf.AllowRequestsWithoutOrigin);
    }

    [Fact]
    public async Task Clock_skew_in_seconds_is_accepted_and_applied()
    {
        Dictionary<string, string?> settings = BaseSettings();
        settings[Section + "ClockSkew"] = "7200";
        await using TestApi api = await TestApi.StartFromConfigurationAsync(settings);

        // Expired an hour ago, within two hours of skew.
        using HttpResponseMessage response = await api.GetAsync("/protected", TestTokens.Expired());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Delegate_runs_after_configuration()
    {
        Dictionary<string, string?> settings = BaseSettings();
        settings[Section + "Realm"] = "from-config";
        await using TestApi api = await TestApi.StartFromConfigurationAsync(
            settings, options => options.Realm = "from-code");

        using HttpResponseMessage response = await api.GetAsync("/protected");

        Assert.Equal("Bearer realm=\"from-code\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Keys_from_a_file_are_read()
    {
        string path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, TestTokens.TrustedKeys.ToJson(includePrivateParameters: true));
            Dictionary<string, string?> settings = BaseSettings();
            settings.Remove(Section + "SigningKeysJson");
            settings[Section + "SigningKeysFile"] = path;
            await using TestApi api = await TestApi.StartFromConfigurationAsync(settings);

            using HttpResponseMessage response = await api.GetAsync("/protected", TestTokens.Valid());

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("ClockSkew", "soon", "Authentication:Schemes:FastToken:ClockSkew")]
    [InlineData("Algorithms:0", "none", "Authentication:Schemes:FastToken:Algorithms")]
    [InlineData("TokenSources", "Everywhere", "Authentication:Schemes:FastToken:TokenSources")]
    [InlineData("TokenSources", "2", "Authentication:Schemes:FastToken:TokenSources")]
    [InlineData("MaxCookieChunks", "many", "Authentication:Schemes:FastToken:MaxCookieChunks")]
    [InlineData("Csrf:Enabled", "yes", "Authentication:Schemes:FastToken:Csrf:Enabled")]
    public async Task Bad_values_fail_with_the_setting_named(string key, string value, string path)
    {
        Dictionary<string, string?> settings = BaseSettings();
        settings[Section + key] = value;
        await using TestApi api = await TestApi.StartFromConfigurationAsync(settings);

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => api.GetAsync("/protected"));

        Assert.Contains($"'{path}'", error.Message);
    }

    [Fact]
    public async Task Missing_keys_are_reported()
    {
        Dictionary<string, string?> settings = BaseSettings();
        settings.Remove(Section + "SigningKeysJson");
        await using TestApi api = await TestApi.StartFromConfigurationAsync(settings);

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => api.GetAsync("/protected"));

        Assert.Contains("no keys are configured", error.Message);
        Assert.Contains("'FastToken'", error.Message);
    }

    [Fact]
    public async Task Two_key_settings_are_reported()
    {
        Dictionary<string, string?> settings = BaseSettings();
        settings[Section + "SigningKeysFile"] = "/nonexistent/keys.json";
        await using TestApi api = await TestApi.StartFromConfigurationAsync(settings);

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => api.GetAsync("/protected"));

        Assert.Contains("more than one way", error.Message);
    }

    [Fact]
    public async Task Missing_audience_is_reported()
    {
        Dictionary<string, string?> settings = BaseSettings();
        settings.Remove(Section + "Audience");
        await using TestApi api = await TestApi.StartFromConfigurationAsync(settings);

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => api.GetAsync("/protected"));

        Assert.Contains("ValidAudiences is empty", error.Message);
    }

    [Fact]
    public async Task Key_material_never_appears_in_a_configuration_error()
    {
        Dictionary<string, string?> settings = BaseSettings();
        string secretish = "{\"kty\":\"oct\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQ\",\"extra\":";
        settings[Section + "SigningKeysJson"] = secretish;
        await using TestApi api = await TestApi.StartFromConfigurationAsync(settings);

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => api.GetAsync("/protected"));

        Assert.DoesNotContain("c2VjcmV0LXNlY3JldC1zZWNyZXQ", error.Message);
    }

    [Fact]
    public async Task A_validator_built_by_the_application_decides()
    {
        JwtValidator validator = new(new JwtValidationOptions
        {
            Keys = TestTokens.TrustedKeys,
            ValidateIssuer = false,
            ValidAudiences = ["api://other"],
            TimeProvider = new ManualTimeProvider(TestTokens.Now),
        });
        await using TestApi api = await TestApi.StartFromConfigurationAsync(
            new Dictionary<string, string?>(),
            options => options.Validator = validator);
        Dictionary<string, object?> claims = TestTokens.Claims(null);
        claims["aud"] = "api://other";
        claims["iss"] = "https://anyone.test";

        using HttpResponseMessage response = await api.GetAsync(
            "/protected", TestTokens.Create(claims, TestTokens.EcKey, JwtAlgorithm.ES256));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

}
