using System.Net;
using FastToken.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace FastToken.LoadTest;

/// <summary>Which authentication the app under load uses.</summary>
internal enum Stack
{
    /// <summary>No authentication at all: the floor of Kestrel, routing and the endpoint.</summary>
    None,

    /// <summary>
    /// A handler that accepts everything: the floor of ASP.NET Core's authentication and authorization.
    /// </summary>
    FixedPrincipal,
    FastToken,
    JwtBearer,
}

/// <summary>
/// The app under load: one Kestrel server on loopback with <c>/protected</c> (any authenticated
/// caller) and <c>/me</c> (reads the name claim), authenticated by FastToken or by JwtBearer with
/// the same rules. It counts the requests it serves, to divide the allocations by them.
/// </summary>
internal sealed class TargetApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _requests;

    private TargetApp(WebApplication app)
    {
        _app = app;
    }

    public long Requests => Interlocked.Read(ref _requests);

    public string Address { get; private set; } = string.Empty;

    public static async Task<TargetApp> StartAsync(Stack stack, Tokens tokens, int port)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, port));

        if (stack == Stack.FastToken)
        {
            builder.Services.AddAuthentication(FastTokenDefaults.AuthenticationScheme).AddFastToken(options =>
            {
                options.Issuers.Add(Tokens.Issuer);
                options.Audience = Tokens.Audience;
                options.SigningKeysJson = tokens.TrustedJwks;
                options.NameClaimType = "name";
            });
        }
        else if (stack == Stack.FixedPrincipal)
        {
            builder.Services.AddAuthentication(FixedPrincipalHandler.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, FixedPrincipalHandler>(FixedPrincipalHandler.SchemeName, null);
        }
        else if (stack == Stack.JwtBearer)
        {
            JsonWebKeySet keys = new(tokens.TrustedJwks);
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = Tokens.Issuer,
                    ValidAudience = Tokens.Audience,
                    IssuerSigningKeys = keys.Keys,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = "name",
                };
            });
        }

        if (stack != Stack.None)
        {
            builder.Services.AddAuthorization();
        }
        WebApplication app = builder.Build();
        TargetApp target = new(app);
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref target._requests);
            return next(context);
        });
        if (stack == Stack.None)
        {
            app.MapGet("/protected", () => "ok");
        }
        else
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet("/protected", () => "ok").RequireAuthorization();
            app.MapGet("/me", (HttpContext context) => context.User.Identity?.Name ?? "?").RequireAuthorization();
        }

        await app.StartAsync();
        target.Address = $"http://127.0.0.1:{port}";
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
