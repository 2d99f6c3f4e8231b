using System.Net;
using FastToken.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FastToken.AspNetCore.Tests;

/// <summary>The events, each where a user expects it.</summary>
public sealed class EventTests
{
    [Fact]
    public async Task Token_received_sees_the_token_and_its_source()
    {
        string? seen = null;
        TokenSource seenSource = TokenSource.None;
        await using TestApi api = await TestApi.StartAsync(options => options.Events.OnTokenReceived = context =>
        {
            seen = context.Token;
            seenSource = context.Source;
            return Task.CompletedTask;
        });
        string token = TestTokens.Valid();

        using HttpResponseMessage response = await api.GetAsync("/protected", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(token, seen);
        Assert.Equal(TokenSource.AuthorizationHeader, seenSource);
    }

    [Fact]
    public async Task Token_received_can_supply_a_token_from_the_query_string()
    {
        await using TestApi api = await TestApi.StartAsync(options => options.Events.OnTokenReceived = context =>
        {
            context.Token ??= context.Request.Query["access_token"];
            return Task.CompletedTask;
        });

        using HttpResponseMessage response = await api.GetAsync("/protected?access_token=" + TestTokens.Valid());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok None", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Token_received_can_remove_the_token()
    {
        await using TestApi api = await TestApi.StartAsync(options => options.Events.OnTokenReceived = context =>
        {
            context.Token = null;
            return Task.CompletedTask;
        });

        using HttpResponseMessage response = await api.GetAsync("/protected", TestTokens.Valid());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Token_validated_sees_the_lazy_identity_and_can_reject()
    {
        bool loadedWhenSeen = true;
        await using TestApi api = await TestApi.StartAsync(options => options.Events.OnTokenValidated = context =>
        {
            loadedWhenSeen = context.Identity.ClaimsLoaded;
            if (context.Identity.FindFirst("sub")?.Value == "mallory")
            {
                context.Fail("Mallory is banned: secret-detail");
            }

            return Task.CompletedTask;
        });

        using HttpResponseMessage alice = await api.GetAsync("/protected", TestTokens.Valid(new { sub = "alice" }));
        using HttpResponseMessage mallory = await api.GetAsync("/protected", TestTokens.Valid(new { sub = "mallory" }));

        Assert.False(loadedWhenSeen);
        Assert.Equal(HttpStatusCode.OK, alice.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, mallory.StatusCode);
        string challenge = mallory.Headers.WwwAuthenticate.ToString();
        Assert.Equal("Bearer error=\"invalid_token\", error_description=\"The token was not accepted.\"", challenge);
    }

    [Fact]
    public async Task Authentication_failed_reports_the_status()
    {
        FastTokenAuthenticationException? failure = null;
        await using TestApi api = await TestApi.StartAsync(options => options.Events.OnAuthenticationFailed = context =>
        {
            failure = context.Exception;
            return Task.CompletedTask;
        });

        using HttpResponseMessage response = await api.GetAsync("/protected", TestTokens.Expired());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotNull(failure);
        Assert.Equal(FastTokenFailure.InvalidToken, failure.Failure);
        Assert.Equal(TokenStatus.Expired, failure.TokenStatus);
        Assert.Equal(TokenSource.AuthorizationHeader, failure.TokenSource);
        Assert.Equal(401, failure.StatusCode);
    }

    [Fact]
    public async Task Authentication_failed_reports_invalid_requests_and_csrf_refusals()
    {
        List<FastTokenAuthenticationException> failures = [];
        await using TestApi api = await TestApi.StartAsync(options =>
        {
            options.TokenSources = TokenSources.AuthorizationHeaderThenCookie;
            options.Events.OnAuthenticationFailed = context =>
            {
                failures.Add(context.Exception);
                return Task.CompletedTask;
            };
        });

        using HttpResponseMessage conflict = await api.GetAsync(
            "/protected", TestTokens.Valid(), "access_token=" + TestTokens.Valid(new { sub = "x" }));
        using HttpResponseMessage csrf = await api.SendAsync(
            HttpMethod.Post, "/protected", cookie: "access_token=" + TestTokens.Valid());

        Assert.Collection(
            failures,
            first =>
            {
                Assert.Equal(FastTokenFailure.InvalidRequest, first.Failure);
                Assert.Equal(ExtractionStatus.ConflictingTokens, first.ExtractionStatus);
            },
            second =>
            {
                Assert.Equal(FastTokenFailure.CrossSiteRequestRefused, second.Failure);
                Assert.Equal(CsrfRefusal.OriginMissing, second.CsrfRefusal);
            });
    }

    [Fact]
    public async Task Authentication_failed_can_turn_a_failure_into_no_result()
    {
        await using TestApi api = await TestApi.StartAsync(options => options.Events.OnAuthenticationFailed = context =>
        {
            context.NoResult();
            return Task.CompletedTask;
        });

        using HttpResponseMessage response = await api.GetAsync("/protected", TestTokens.Expired());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Challenge_can_write_its_own_response()
    {
        await using TestApi api = await TestApi.StartAsync(options => options.Events.OnChallenge = async context =>
        {
            Assert.Equal(TokenError.InvalidToken, context.Error);
            Assert.Equal(TokenStatus.Expired, context.AuthenticateFailure?.TokenStatus);
            context.HandleResponse();
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("please sign in again");
        });

        using HttpResponseMessage response = await api.GetAsync("/protected", TestTokens.Expired());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("please sign in again", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("WWW-Authenticate"));
    }

    [Fact]
    public async Task Challenge_can_change_the_description()
    {
        await using TestApi api = await TestApi.StartAsync(options => options.Events.OnChallenge = context =>
        {
            context.ErrorDescription = "Sign in \"again\".";
            return Task.CompletedTask;
        });

        using HttpResponseMessage response = await api.GetAsync("/protected", TestTokens.Expired());

        Assert.Equal(
            "Bearer error=\"invalid_token\", error_description=\"Sign in \\\"again\\\".\"",
            response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Forbidden_can_name_the_scope()
    {
        await using TestApi api = await TestApi.StartAsync(options => options.Events.OnForbidden = context =>
        {
            context.RequiredScope = "admin.all";
            return Task.CompletedTask;
        });

        using HttpResponseMessage response = await api.GetAsync("/admin", TestTokens.Valid());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(
            "Bearer error=\"insufficient_scope\", error_description="
            + "\"The token does not grant the access this request requires.\", scope=\"admin.all\"",
            response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Derived_events_type_is_resolved_and_called()
    {
        await using TestApi api = await TestApi.StartAsync(
            options => options.EventsType = typeof(CountingEvents),
            services: services => services.AddSingleton<CountingEvents>());
        CountingEvents events = api.App.Services.GetRequiredService<CountingEvents>();

        using HttpResponseMessage valid = await api.GetAsync("/protected", TestTokens.Valid());
        using HttpResponseMessage expired = await api.GetAsync("/protected", TestTokens.Expired());

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(2, events.Received);
        Assert.Equal(1, events.Validated);
        Assert.Equal(1, events.Failed);
        Assert.Equal(1, events.Challenged);
    }

    private sealed class CountingEvents : FastTokenEvents
    {
        public int Received { get; private set; }

        public int Validated { get; private set; }

        public int Failed { get; private set; }

        public int Challenged { get; private set; }

        public override Task TokenReceived(FastTokenReceivedContext context)
        {
            Received++;
            return base.TokenReceived(context);
        }

        public override Task TokenValidated(FastTokenValidatedContext context)
        {
            Validated++;
            return base.TokenValidated(context);
        }

        public override Task AuthenticationFailed(FastTokenFailedContext context)
        {
            Failed++;
            return base.AuthenticationFailed(context);
        }

        public override Task Challenge(FastTokenChallengeContext context)
        {
            Challenged++;
            return base.Challenge(context);
        }
    }
}
