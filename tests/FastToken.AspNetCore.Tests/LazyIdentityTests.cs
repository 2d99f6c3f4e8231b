using System.Net;
using System.Security.Claims;
using FastToken.AspNetCore.Tests.Support;

namespace FastToken.AspNetCore.Tests;

/// <summary>The identity builds claims only when asked, and then builds them faithfully.</summary>
public sealed class LazyIdentityTests
{
    [Fact]
    public async Task Authorizing_an_authenticated_caller_builds_no_claim()
    {
        await using TestApi api = await TestApi.StartAsync();

        using HttpResponseMessage response = await api.GetAsync("/protected", TestTokens.Valid());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(api.LastIdentity);
        Assert.True(api.LastIdentity.IsAuthenticated);
        Assert.Equal(FastTokenDefaults.AuthenticationScheme, api.LastIdentity.AuthenticationType);
        Assert.False(api.LastIdentity.ClaimsLoaded);
    }

    [Fact]
    public async Task Reading_the_name_builds_the_claims()
    {
        await using TestApi api = await TestApi.StartAsync();

        using HttpResponseMessage response = await api.GetAsync("/me", TestTokens.Valid(new { sub = "alice" }));

        Assert.Equal("me alice", await response.Content.ReadAsStringAsync());
        Assert.True(api.LastIdentity!.ClaimsLoaded);
    }

    [Fact]
    public async Task Token_properties_need_no_claims()
    {
        await using TestApi api = await TestApi.StartAsync();

        using HttpResponseMessage response = await api.GetAsync("/protected", TestTokens.Valid());

        FastTokenIdentity identity = api.LastIdentity!;
        Assert.Equal(JwtAlgorithm.ES256, identity.Algorithm);
        Assert.Equal(TestTokens.Now.AddMinutes(10), identity.ExpiresAt);
        Assert.Equal(TokenSource.AuthorizationHeader, identity.Source);
        Assert.False(identity.ClaimsLoaded);
    }

    [Fact]
    public void Claims_keep_their_names_values_and_types()
    {
        FastTokenIdentity identity = Identity(TestTokens.Valid(new
        {
            name = "Alice \"A\" Liddell",
            age = 42,
            ratio = 1.5,
            admin = true,
            roles = new[] { "reader", "writer" },
            address = new { city = "Oxford" },
            nested = new object[] { new[] { 1, 2 }, "x" },
            nothing = (string?)null,
        }));

        Assert.Equal("Alice \"A\" Liddell", Single(identity, "name").Value);
        Assert.Equal(("42", ClaimValueTypes.Integer64), Typed(Single(identity, "age")));
        Assert.Equal(("1.5", ClaimValueTypes.Double), Typed(Single(identity, "ratio")));
        Assert.Equal(("true", ClaimValueTypes.Boolean), Typed(Single(identity, "admin")));
        Assert.Equal(["reader", "writer"], identity.FindAll("roles").Select(c => c.Value));
        Assert.Equal(("{\"city\":\"Oxford\"}", "JSON"), Typed(Single(identity, "address")));
        Assert.Equal(["[1,2]", "x"], identity.FindAll("nested").Select(c => c.Value));
        Assert.Empty(identity.FindAll("nothing"));
        Assert.All(identity.Claims, claim =>
        {
            Assert.Equal(TestTokens.Issuer, claim.Issuer);
            Assert.Same(identity, claim.Subject);
        });
    }

    [Fact]
    public void Name_and_roles_follow_the_configured_claim_types()
    {
        FastTokenIdentity identity = Identity(
            TestTokens.Valid(new { preferred_username = "alice", role = new[] { "admin" } }),
            nameType: "preferred_username",
            roleType: "role");
        ClaimsPrincipal principal = new(identity);

        Assert.Equal("alice", identity.Name);
        Assert.True(principal.IsInRole("admin"));
        Assert.False(principal.IsInRole("user-1"));
    }

    [Fact]
    public void Added_claims_join_the_token_claims()
    {
        FastTokenIdentity identity = Identity(TestTokens.Valid());
        identity.AddClaim(new Claim("tenant", "t1"));

        Assert.True(identity.ClaimsLoaded);
        Assert.Equal("user-1", identity.FindFirst("sub")?.Value);
        Assert.Equal("t1", identity.FindFirst("tenant")?.Value);
        Assert.Equal(identity.Claims.Count(), identity.Clone().Claims.Count());
    }

    [Fact]
    public void Concurrent_first_reads_load_the_claims_once()
    {
        for (int round = 0; round < 20; round++)
        {
            FastTokenIdentity identity = Identity(TestTokens.Valid(new { roles = new[] { "a", "b", "c" } }));
            int expected = 8;

            int[] counts = new int[8];
            Parallel.For(0, counts.Length, i => counts[i] = identity.Claims.Count());

            Assert.All(counts, count => Assert.Equal(expected, count));
        }
    }

    private static readonly JwtValidator s_validator = new(new JwtValidationOptions
    {
        Keys = TestTokens.TrustedKeys,
        ValidateIssuer = false,
        ValidateAudience = false,
    });

    private static Claim Single(ClaimsIdentity identity, string type) => Assert.Single(identity.FindAll(type));

    private static (string Value, string ValueType) Typed(Claim claim) => (claim.Value, claim.ValueType);

    private static FastTokenIdentity Identity(string token, string nameType = "sub", string roleType = "roles")
    {
        // The identity trusts that its token was validated; these tests only look at claims.
        string header = "Bearer " + token;
        return new FastTokenIdentity(
            "Test",
            header,
            "Bearer ".Length,
            token.Length,
            TokenSource.AuthorizationHeader,
            s_validator,
            JwtAlgorithm.ES256,
            expiresAt: null,
            nameType,
            roleType);
    }
}
