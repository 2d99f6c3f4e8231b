using FastToken.Opaque;

namespace FastToken.Tests.Opaque;

public sealed class ReferenceTokenEntryTests
{
    private static readonly DateTimeOffset s_expiry = DateTimeOffset.FromUnixTimeSeconds(1_700_003_600);

    [Fact]
    public void Scopes_and_claims_are_copied_and_read_without_allocating()
    {
        List<string> scopes = ["orders.read", "orders.write"];
        Dictionary<string, string> claims = new() { ["tenant"] = "contoso", ["client_id"] = "web" };
        ReferenceTokenEntry entry = new("alice", s_expiry, scopes, claims);
        scopes.Add("admin");
        claims["tenant"] = "fabrikam";

        Assert.Equal(["orders.read", "orders.write"], entry.Scopes);
        Assert.True(entry.HasScope("orders.write"));
        Assert.False(entry.HasScope("admin"));
        Assert.False(entry.HasScope("orders"));
        Assert.True(entry.TryGetClaim("tenant", out string? tenant));
        Assert.Equal("contoso", tenant);
        Assert.False(entry.TryGetClaim("Tenant", out _));
        Assert.Equal(2, entry.Claims.Count);
    }

    [Fact]
    public void Entry_without_scopes_or_claims_is_empty_not_null()
    {
        ReferenceTokenEntry entry = new("alice", s_expiry);

        Assert.Empty(entry.Scopes);
        Assert.Empty(entry.Claims);
        Assert.False(entry.TryGetClaim("tenant", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("orders read")]
    [InlineData("orders\"read")]
    [InlineData("orders\\read")]
    [InlineData("ordérs")]
    public void Scope_that_is_no_scope_token_is_refused(string scope)
    {
        Assert.Throws<ArgumentException>(() => new ReferenceTokenEntry("alice", s_expiry, [scope]));
    }

    [Fact]
    public void Claims_must_be_named_unique_and_few()
    {
        KeyValuePair<string, string>[] repeated = [new("a", "1"), new("a", "2")];
        KeyValuePair<string, string>[] unnamed = [new("", "1")];
        IEnumerable<KeyValuePair<string, string>> many =
            Enumerable.Range(0, ReferenceTokenEntry.MaxClaims + 1).Select(i => KeyValuePair.Create($"c{i}", "v"));

        Assert.Throws<ArgumentException>(() => new ReferenceTokenEntry("alice", s_expiry, claims: repeated));
        Assert.Throws<ArgumentException>(() => new ReferenceTokenEntry("alice", s_expiry, claims: unnamed));
        Assert.Throws<ArgumentException>(() => new ReferenceTokenEntry("alice", s_expiry, claims: many));
        Assert.Equal(
            ReferenceTokenEntry.MaxClaims,
            new ReferenceTokenEntry("alice", s_expiry, claims: many.Skip(1)).Claims.Count);
    }
}
