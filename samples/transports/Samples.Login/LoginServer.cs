using FastToken.AspNetCore;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FastToken.Samples.Login;

/// <summary>
/// The login server: an OpenID provider in miniature that signs access tokens, hands them out
/// in a response body (for pages that send an <c>Authorization</c> header) or in an HttpOnly
/// cookie, and renews them with a refresh token kept in an HttpOnly cookie.
/// </summary>
/// <remarks>
/// Settings (section <c>Login</c>): <c>Issuer</c>, the address the API and the front end use
/// to reach this server; <c>Audience</c>; <c>TokenLifetimeSeconds</c>; <c>CookieDomain</c>, a
/// parent domain whose subdomains share the cookie when they reach this server over https;
/// <c>AllowedOrigins</c>, the pages that may call it from another origin.
/// </remarks>
public static class LoginServer
{
    /// <summary>The access token cookie, read by the API and the front end.</summary>
    public const string AccessCookie = "access_token";

    /// <summary>The refresh token cookie, sent to this server's <c>/login</c> paths only.</summary>
    public const string RefreshCookie = "refresh_token";

    private static readonly TimeSpan s_refreshLifetime = TimeSpan.FromHours(8);

    /// <summary>Builds the server from command-line arguments and configuration.</summary>
    /// <param name="args">
    /// The arguments, for example <c>--urls http://127.0.0.1:5001 --Login:Issuer http://127.0.0.1:5001</c>.
    /// </param>
    /// <returns>The application, not started.</returns>
    public static WebApplication Create(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        IConfigurationSection settings = builder.Configuration.GetSection("Login");
        string issuer = settings["Issuer"]
            ?? throw new InvalidOperationException("Set Login:Issuer to this server's address.");
        string? cookieDomain = settings["CookieDomain"];
        string[] allowedOrigins = settings.GetSection("AllowedOrigins").Get<string[]>() ?? [];

        builder.Services.AddSingleton(new TokenIssuer(
            issuer.TrimEnd('/'),
            settings["Audience"] ?? "samples-api",
            TimeSpan.FromSeconds(settings.GetValue("TokenLifetimeSeconds", 300)),
            TimeProvider.System));
        builder.Services.AddSingleton(new CookieWriters(cookieDomain));
        builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy
            .WithOrigins(allowedOrigins)
            .AllowCredentials()
            .AllowAnyHeader()
            .WithMethods("POST")));

        WebApplication app = builder.Build();
        app.UseCors();

        app.MapGet("/.well-known/openid-configuration", (TokenIssuer tokens) => Results.Json(new
        {
            issuer = tokens.Issuer,
            jwks_uri = tokens.Issuer + "/jwks",
            token_endpoint = tokens.Issuer + "/login/token",
        }));
        app.MapGet("/jwks", (TokenIssuer tokens) => Results.Text(tokens.PublicJwks, "application/jwk-set+json"));

        // Path 1: the token in the body, for a page that keeps it in memory or sessionStorage.
        app.MapPost("/login/token", Results<Ok<TokenResponse>, UnauthorizedHttpResult> (
            HttpContext context, Credentials credentials, TokenIssuer tokens, CookieWriters cookies) =>
        {
            SampleUser? user = SampleUsers.Find(credentials.Username, credentials.Password);
            if (user is null)
            {
                return TypedResults.Unauthorized();
            }

            cookies.WriteRefresh(context, tokens.CreateRefreshToken(user));
            return TypedResults.Ok(TokenResponse.For(tokens.CreateAccessToken(user), tokens.Lifetime));
        });

        // Path 2: the token in an HttpOnly cookie that scripts cannot read.
        app.MapPost("/login/cookie", Results<Ok<SessionResponse>, UnauthorizedHttpResult> (
            HttpContext context, Credentials credentials, TokenIssuer tokens, CookieWriters cookies) =>
        {
            SampleUser? user = SampleUsers.Find(credentials.Username, credentials.Password);
            if (user is null)
            {
                return TypedResults.Unauthorized();
            }

            cookies.For(context.Request).Write(context, tokens.CreateAccessToken(user));
            cookies.WriteRefresh(context, tokens.CreateRefreshToken(user));
            return TypedResults.Ok(new SessionResponse(user.Name, (int)tokens.Lifetime.TotalSeconds));
        });

        // Both: a new access token for the refresh token cookie, which rotates.
        app.MapPost("/login/refresh", Results<Ok<TokenResponse>, NoContent, UnauthorizedHttpResult> (
            HttpContext context, string? mode, TokenIssuer tokens, CookieWriters cookies) =>
        {
            SampleUser? user = tokens.Redeem(context.Request.Cookies[RefreshCookie]);
            if (user is null)
            {
                cookies.DeleteAll(context);
                return TypedResults.Unauthorized();
            }

            cookies.WriteRefresh(context, tokens.CreateRefreshToken(user));
            string access = tokens.CreateAccessToken(user);
            if (mode == "cookie")
            {
                cookies.For(context.Request).Write(context, access);
                return TypedResults.NoContent();
            }

            return TypedResults.Ok(TokenResponse.For(access, tokens.Lifetime));
        });

        app.MapPost("/login/logout", (HttpContext context, CookieWriters cookies) =>
        {
            cookies.DeleteAll(context);
            return TypedResults.NoContent();
        });

        return app;
    }

    /// <summary>The cookie writers of the two deployments this sample shows.</summary>
    private sealed class CookieWriters
    {
        private readonly string? _domain;
        private readonly TokenCookieWriter _local;
        private readonly TokenCookieWriter? _crossSite;
        private readonly TokenCookieWriter _refreshLocal;
        private readonly TokenCookieWriter? _refreshCrossSite;

        public CookieWriters(string? domain)
        {
            _domain = domain;

            // Plain http on loopback, behind the front end's proxy: a host-only cookie. Secure
            // is off only because this hop has no TLS; never do that on a real network.
            _local = new(new TokenCookieOptions { Name = AccessCookie, Secure = false });
            _refreshLocal = new(new TokenCookieOptions
            {
                Name = RefreshCookie,
                Secure = false,
                Path = "/login",
                SameSite = SameSiteMode.Strict,
            });

            // https on the shared parent domain: every subdomain gets the cookie, and a page on
            // one may call an API on another with it, so SameSite=None (which requires Secure).
            if (domain is not null)
            {
                _crossSite = new(new TokenCookieOptions
                {
                    Name = AccessCookie,
                    Domain = domain,
                    SameSite = SameSiteMode.None,
                });
                _refreshCrossSite = new(new TokenCookieOptions
                {
                    Name = RefreshCookie,
                    Domain = domain,
                    Path = "/login",
                    SameSite = SameSiteMode.None,
                });
            }
        }

        public TokenCookieWriter For(HttpRequest request) => IsCrossSite(request) ? _crossSite! : _local;

        public void WriteRefresh(HttpContext context, string refreshToken)
        {
            TokenCookieWriter writer = IsCrossSite(context.Request) ? _refreshCrossSite! : _refreshLocal;
            writer.Write(context, refreshToken, DateTimeOffset.UtcNow + s_refreshLifetime);
        }

        public void DeleteAll(HttpContext context)
        {
            For(context.Request).Delete(context);
            (IsCrossSite(context.Request) ? _refreshCrossSite! : _refreshLocal).Delete(context);
        }

        private bool IsCrossSite(HttpRequest request)
            => _domain is not null
                && request.IsHttps
                && request.Host.Host.EndsWith("." + _domain, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>What a login form sends.</summary>
/// <param name="Username">The user name.</param>
/// <param name="Password">The password.</param>
public sealed record Credentials(string? Username, string? Password);

/// <summary>An OAuth 2.0 style token response (RFC 6749 §5.1).</summary>
/// <param name="access_token">The access token.</param>
/// <param name="token_type">Always <c>Bearer</c>.</param>
/// <param name="expires_in">Its lifetime in seconds.</param>
public sealed record TokenResponse(string access_token, string token_type, int expires_in)
{
    /// <summary>A response for a fresh token.</summary>
    public static TokenResponse For(string token, TimeSpan lifetime)
        => new(token, "Bearer", (int)lifetime.TotalSeconds);
}

/// <summary>The answer to a cookie login.</summary>
/// <param name="User">Who signed in.</param>
/// <param name="ExpiresIn">How long the cookie's token lives, in seconds.</param>
public sealed record SessionResponse(string User, int ExpiresIn);
