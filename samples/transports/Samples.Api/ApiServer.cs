using System.Collections.Concurrent;
using FastToken.AspNetCore;

namespace FastToken.Samples.Api;

/// <summary>
/// The protected API. It accepts the token from the <c>Authorization</c> header or the
/// <c>access_token</c> cookie; a cookie-borne POST must come from an allowed origin (the
/// CSRF defence), and CORS lets exactly those origins read responses with credentials.
/// </summary>
/// <remarks>
/// Settings: <c>Authentication:Schemes:FastToken</c> (at least <c>Authority</c> and
/// <c>Audience</c>; see the FastToken options) and <c>Api:AllowedOrigins</c>, the pages on other
/// origins that may call it, which become both the CORS and the CSRF allow-list.
/// </remarks>
public static class ApiServer
{
    /// <summary>Builds the API from command-line arguments and configuration.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The application, not started.</returns>
    public static WebApplication Create(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        string[] allowedOrigins = builder.Configuration.GetSection("Api:AllowedOrigins").Get<string[]>() ?? [];

        builder.Services.AddAuthentication(FastTokenDefaults.AuthenticationScheme)
            .AddFastToken(options =>
            {
                options.TokenSources = TokenSources.AuthorizationHeaderThenCookie;
                options.RequiredType = "at+jwt";
                options.Realm = "samples-api";
                foreach (string origin in allowedOrigins)
                {
                    options.Csrf.AllowedOrigins.Add(origin);
                }
            });
        builder.Services.AddAuthorization();
        builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy
            .WithOrigins(allowedOrigins)
            .AllowCredentials()
            .WithHeaders("Authorization", "Content-Type")
            .WithMethods("GET", "POST")));

        WebApplication app = builder.Build();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();

        ConcurrentQueue<Order> orders = new([new Order(1, "bob", "Tea, 2 kg"), new Order(2, "alice", "Coffee, 1 kg")]);

        app.MapGet("/api/orders", (HttpContext context) => Results.Json(new
        {
            user = context.User.Identity?.Name,
            via = Via(context),
            orders = orders.ToArray(),
        })).RequireTokenScope("orders.read");

        // Accepts a form as well as JSON, so that a plain HTML form can try it: that is what a
        // cross-site request forgery looks like, and what the CSRF defence stops.
        app.MapPost("/api/orders", async (HttpContext context) =>
        {
            string item = context.Request.HasFormContentType
                ? (await context.Request.ReadFormAsync())["item"].ToString()
                : (await context.Request.ReadFromJsonAsync<NewOrder>())?.Item ?? string.Empty;
            Order order = new(orders.Count + 1, context.User.Identity?.Name ?? "?", item);
            orders.Enqueue(order);
            return Results.Json(new { created = order, via = Via(context) }, statusCode: StatusCodes.Status201Created);
        }).RequireTokenScope("orders.write");

        app.MapGet("/api/admin", (HttpContext context) => Results.Json(new { admin = context.User.Identity?.Name }))
            .RequireTokenRole("admin");

        return app;
    }

    private static string Via(HttpContext context)
        => context.User.Identity is FastTokenIdentity identity ? identity.Source.ToString() : "none";

    /// <summary>An order.</summary>
    /// <param name="Id">Its number.</param>
    /// <param name="By">Who placed it.</param>
    /// <param name="Item">What was ordered.</param>
    public sealed record Order(int Id, string By, string Item);

    /// <summary>A new order as JSON.</summary>
    /// <param name="Item">What to order.</param>
    public sealed record NewOrder(string Item);
}
