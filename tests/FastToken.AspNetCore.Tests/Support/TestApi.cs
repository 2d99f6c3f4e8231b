using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastToken.AspNetCore.Tests.Support;

/// <summary>
/// An API in memory behind a FastToken scheme, with a few endpoints:
/// <c>/protected</c> (GET and POST, any authenticated caller, reads no claim),
/// <c>/me</c> (reads the name claim), <c>/admin</c> (role <c>admin</c>) and
/// <c>/anonymous</c> (open to all, tells whether the caller was authenticated).
/// </summary>
internal sealed class TestApi : IAsyncDisposable
{
    private TestApi(WebApplication app, TestLogs logs, ManualTimeProvider clock)
    {
        App = app;
        Logs = logs;
        Clock = clock;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; private set; } = null!;

    public TestLogs Logs { get; }

    public ManualTimeProvider Clock { get; }

    /// <summary>The identity the last protected endpoint saw.</summary>
    public FastTokenIdentity? LastIdentity { get; private set; }

    /// <summary>
    /// Starts an API whose scheme trusts <see cref="TestTokens"/>, then applies <paramref name="configure"/>.
    /// </summary>
    public static Task<TestApi> StartAsync(
        Action<FastTokenOptions>? configure = null,
        Action<WebApplication>? map = null,
        Action<IServiceCollection>? services = null)
        => StartCoreAsync(
            settings: null,
            options =>
            {
                options.Issuers.Add(TestTokens.Issuer);
                options.Audience = TestTokens.Audience;
                options.SigningKeys = TestTokens.TrustedKeys;
                configure?.Invoke(options);
            },
            map,
            services);

    /// <summary>Starts an API whose scheme is configured from <paramref name="settings"/> only.</summary>
    public static Task<TestApi> StartFromConfigurationAsync(
        IDictionary<string, string?> settings,
        Action<FastTokenOptions>? configure = null)
        => StartCoreAsync(settings, configure, map: null, services: null);

    private static async Task<TestApi> StartCoreAsync(
        IDictionary<string, string?>? settings,
        Action<FastTokenOptions>? configure,
        Action<WebApplication>? map,
        Action<IServiceCollection>? services)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(
            new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());

        TestLogs logs = new();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);

        ManualTimeProvider clock = new(TestTokens.Now);
        builder.Services.AddAuthentication(FastTokenDefaults.AuthenticationScheme)
            .AddFastToken(options =>
            {
                options.TimeProvider = clock;
                configure?.Invoke(options);
            });
        builder.Services.AddAuthorization();
        services?.Invoke(builder.Services);

        WebApplication app = builder.Build();
        TestApi api = new(app, logs, clock);
        app.UseAuthentication();
        app.UseAuthorization();
        api.MapDefaults();
        map?.Invoke(app);
        await app.StartAsync();
        api.Client = app.GetTestClient();
        return api;
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token = null, string? cookie = null)
        => SendAsync(HttpMethod.Get, path, token, cookie);

    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string path,
        string? token = null,
        string? cookie = null,
        Action<HttpRequestMessage>? configure = null)
    {
        using HttpRequestMessage request = new(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        configure?.Invoke(request);
        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }

    private void MapDefaults()
    {
        App.MapMethods("/protected", ["GET", "POST", "PUT", "DELETE"], (HttpContext context) =>
        {
            LastIdentity = context.User.Identity as FastTokenIdentity;
            return "ok " + LastIdentity?.Source;
        }).RequireAuthorization();

        App.MapGet("/me", (HttpContext context) =>
        {
            LastIdentity = context.User.Identity as FastTokenIdentity;
            return "me " + context.User.Identity?.Name;
        }).RequireAuthorization();

        App.MapGet("/admin", () => "admin")
            .RequireAuthorization(policy => policy.RequireRole("admin"));

        App.MapMethods("/anonymous", ["GET", "POST"], (HttpContext context) =>
            context.User.Identity?.IsAuthenticated == true ? "authenticated" : "anonymous")
            .AllowAnonymous();
    }
}
