using System.Net;
using System.Net.Http.Headers;
using FastToken.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Yarp.ReverseProxy.Configuration;

namespace FastToken.Samples.Web;

/// <summary>
/// The front end: pages for each transport path, a YARP reverse proxy that relays the
/// browser's requests (and its cookie) to the login server and the API under one origin, and a
/// server-rendered page whose server calls the API itself with the token from the cookie,
/// forwarded as a bearer header.
/// </summary>
/// <remarks>
/// Settings (section <c>Web</c>): <c>ApiUrl</c> and <c>LoginUrl</c>, where this server reaches
/// the API and the login server; <c>CrossSite:ApiUrl</c> and <c>CrossSite:LoginUrl</c>, their
/// https addresses on the shared parent domain, for the cross-site page. The FastToken scheme
/// that reads the cookie is set under <c>Authentication:Schemes:FastToken</c>.
/// </remarks>
public static class WebServer
{
    /// <summary>The name of the client that calls the API.</summary>
    public const string ApiClient = "api";

    /// <summary>Builds the front end from command-line arguments and configuration.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The application, not started.</returns>
    public static WebApplication Create(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        IConfigurationSection settings = builder.Configuration.GetSection("Web");
        string apiUrl = Required(settings, "ApiUrl");
        string loginUrl = Required(settings, "LoginUrl");
        Pages pages = new(settings["CrossSite:ApiUrl"], settings["CrossSite:LoginUrl"]);

        // Path 3: the front end relays the browser's requests, cookie included, to the services.
        builder.Services.AddReverseProxy().LoadFromMemory(
            [
                Route("api", "/api/{**rest}"),
                Route("login", "/login/{**rest}"),
            ],
            [
                Cluster("api", apiUrl),
                Cluster("login", loginUrl),
            ]);

        // The front end's own server-side calls read the same cookie, validated here too.
        builder.Services.AddAuthentication(FastTokenDefaults.AuthenticationScheme)
            .AddFastToken(options =>
            {
                options.TokenSources = TokenSources.Cookie;
                options.RequiredType = "at+jwt";
            });
        builder.Services.AddHttpClient(ApiClient, client => client.BaseAddress = new Uri(apiUrl));

        WebApplication app = builder.Build();
        app.MapReverseProxy();

        app.MapGet("/", () => Results.Content(pages.Index(), "text/html; charset=utf-8"));
        app.MapGet("/header", () => Results.Content(pages.HeaderLogin(), "text/html; charset=utf-8"));
        app.MapGet("/cookie", () => Results.Content(pages.CookieLogin(), "text/html; charset=utf-8"));
        app.MapGet("/cross", () => Results.Content(pages.CrossSite(), "text/html; charset=utf-8"));
        app.MapGet("/evil", () => Results.Content(pages.Attacker(), "text/html; charset=utf-8"));
        app.MapGet("/orders", RenderOrdersAsync);

        return app;
    }

    /// <summary>
    /// The server-rendered page: this server authenticates the cookie, then calls the API
    /// itself with the same token as <c>Authorization: Bearer</c>, and shows what it answered.
    /// </summary>
    private static async Task<IResult> RenderOrdersAsync(HttpContext context, IHttpClientFactory clients)
    {
        AuthenticateResult result = await context.AuthenticateAsync(FastTokenDefaults.AuthenticationScheme);
        if (result.Principal?.Identity is not FastTokenIdentity identity)
        {
            return Page(HttpStatusCode.Unauthorized, "Not signed in", "<p id=\"result\">401 Sign in first.</p>");
        }

        using HttpRequestMessage request = new(HttpMethod.Get, "/api/orders");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", identity.Token);
        using HttpResponseMessage response = await clients.CreateClient(ApiClient).SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();

        string html = $"<p id=\"result\">{(int)response.StatusCode} {WebUtility.HtmlEncode(body)}</p>"
            + $"<p>Signed in as <b id=\"user\">{WebUtility.HtmlEncode(identity.Name)}</b>; the server "
            + "called the API with your token as a bearer header.</p>";
        return Page(response.StatusCode, "Orders (rendered by the server)", html);
    }

    private static IResult Page(HttpStatusCode status, string title, string body)
        => Results.Content(Pages.Layout(title, body), "text/html; charset=utf-8", statusCode: (int)status);

    private static RouteConfig Route(string cluster, string path) => new()
    {
        RouteId = cluster,
        ClusterId = cluster,
        Match = new RouteMatch { Path = path },
    };

    private static ClusterConfig Cluster(string id, string address) => new()
    {
        ClusterId = id,
        Destinations = new Dictionary<string, DestinationConfig> { [id] = new() { Address = address } },
    };

    private static string Required(IConfigurationSection settings, string key)
        => settings[key] ?? throw new InvalidOperationException($"Set Web:{key}.");
}
