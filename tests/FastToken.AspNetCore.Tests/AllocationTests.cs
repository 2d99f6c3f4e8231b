using FastToken.AspNetCore.Tests.Support;
using FastToken.Testing;
using Microsoft.AspNetCore.Http;

namespace FastToken.AspNetCore.Tests;

/// <summary>The per-request work FastToken adds allocates nothing once warm.</summary>
[Collection(AllocationCollection.Name)]
public sealed class AllocationTests
{
    private const int Calls = 1_000;

    [Fact]
    public void Csrf_check_allocates_nothing()
    {
        CsrfPolicy policy = new(new FastTokenCsrfOptions
        {
            AllowedOrigins = ["https://app.example.test"],
            DoubleSubmitCookieName = "csrf",
        });
        HttpRequest allowedOrigin = Post(("Origin", "https://app.example.test"), ("Sec-Fetch-Site", "same-site"));
        HttpRequest sameOrigin = Post(("Sec-Fetch-Site", "same-origin"));
        HttpRequest doubleSubmit = Post(
            ("Cookie", "access_token=abc; csrf=k3y"), ("X-CSRF-Token", "k3y"), ("Origin", "https://evil.test"));
        HttpRequest refused = Post(("Origin", "https://evil.test"));

        int wrong = 0;
        long allocated = Measure(() =>
        {
            // Asserting inside the loop would count the assertion's allocations.
            wrong += policy.Check(allowedOrigin) == CsrfRefusal.None ? 0 : 1;
            wrong += policy.Check(sameOrigin) == CsrfRefusal.None ? 0 : 1;
            wrong += policy.Check(doubleSubmit) == CsrfRefusal.None ? 0 : 1;
            wrong += policy.Check(refused) == CsrfRefusal.OriginNotAllowed ? 0 : 1;
        });

        Assert.Equal(0, wrong);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Judging_scope_and_role_requirements_in_the_validation_pass_allocates_nothing()
    {
        JwtValidator validator = new(new JwtValidationOptions
        {
            Keys = TestTokens.TrustedKeys,
            ValidIssuers = [TestTokens.Issuer],
            ValidAudiences = [TestTokens.Audience],
            TimeProvider = new ManualTimeProvider(TestTokens.Now),
        });
        TokenRequirementAttribute[] requirements =
        [
            new RequireTokenScopeAttribute("orders.read", "orders.write"),
            new RequireTokenRoleAttribute("admin", "ops"),
        ];
        string token = TestTokens.Valid(
            new { scope = "profile orders.read orders.write", roles = new[] { "user", "ops" } },
            algorithm: JwtAlgorithm.HS256);

        int wrong = 0;
        long allocated = Measure(() =>
        {
            Span<uint> granted = stackalloc uint[2];
            TokenRequirementVisitor visitor = new(requirements, granted);
            using JwtValidationResult result = validator.Validate(token.AsSpan(), ref visitor);
            wrong += result.IsValid && visitor.Outcome == 0b11u ? 0 : 1;
        });

        Assert.Equal(0, wrong);
        Assert.Equal(0, allocated);
    }

    private static HttpRequest Post(params (string Name, string Value)[] headers)
    {
        DefaultHttpContext context = new();
        context.Request.Method = HttpMethods.Post;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("api.example.test");
        foreach ((string name, string value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context.Request;
    }

    private static long Measure(Action action)
    {
        for (int i = 0; i < 100; i++)
        {
            action();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
