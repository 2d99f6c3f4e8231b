using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastToken.AspNetCore.Tests.Support;

/// <summary>
/// An OpenID provider on loopback that serves a discovery document and the public keys of
/// <see cref="TestTokens"/>, and can be switched off to play an outage.
/// </summary>
internal sealed class FakeIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _discoveryRequests;

    private FakeIssuer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The issuer identifier, which is also the authority: <c>http://127.0.0.1:port</c>.</summary>
    public string Issuer { get; private set; } = string.Empty;

    /// <summary>Whether requests fail with 503.</summary>
    public bool Down { get; set; }

    /// <summary>How many times the discovery document was asked for.</summary>
    public int DiscoveryRequests => Volatile.Read(ref _discoveryRequests);

    public static async Task<FakeIssuer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        FakeIssuer issuer = new(app);

        app.Use((context, next) =>
        {
            // Every attempt counts, including those that meet an outage.
            if (context.Request.Path == "/.well-known/openid-configuration")
            {
                Interlocked.Increment(ref issuer._discoveryRequests);
            }

            if (issuer.Down)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.MapGet(
            "/.well-known/openid-configuration",
            () => Results.Json(new { issuer = issuer.Issuer, jwks_uri = issuer.Issuer + "/jwks" }));
        app.MapGet("/jwks", () => Results.Text(
            TestTokens.TrustedKeys.ToJson(includePrivateParameters: true), "application/json"));

        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.Single();
        issuer.Issuer = address.TrimEnd('/');
        return issuer;
    }

    /// <summary>A token from this issuer, valid at <see cref="TestTokens.Now"/>.</summary>
    public string Token(string? issuer = null)
    {
        Dictionary<string, object?> claims = TestTokens.Claims(null);
        claims["iss"] = issuer ?? Issuer;
        return TestTokens.Create(claims, TestTokens.EcKey, JwtAlgorithm.ES256);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
