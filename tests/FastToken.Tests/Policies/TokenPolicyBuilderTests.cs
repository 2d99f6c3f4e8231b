using FastToken.Policies;

namespace FastToken.Tests.Policies;

/// <summary>The builder refuses what the generator refuses at compile time.</summary>
public sealed class TokenPolicyBuilderTests
{
    public static TheoryData<string, Func<TokenPolicyBuilder, TokenPolicyBuilder>> Refused => new()
    {
        { "empty or white-space scope", b => b.RequireScopes("read", " ") },
        { "No issuer is given", b => b.RequireIssuer() },
        { "scope is given twice", b => b.RequireScopes("read", "read") },
        { "RequireScopes is given twice", b => b.RequireScopes("read").RequireScopes("write") },
        { "not an algorithm", b => b.AllowAlgorithms(JwtAlgorithm.Unknown) },
        { "HMAC and asymmetric", b => b.AllowAlgorithms(JwtAlgorithm.HS256, JwtAlgorithm.ES256) },
        { "MaxTokenAge must be positive", b => b.MaxTokenAge(TimeSpan.Zero) },
        { "ClockSkew must not be negative", b => b.ClockSkew(TimeSpan.FromSeconds(-1)) },
        { "required twice", b => b.RequireClaim("tier", "gold").RequireClaim("tier", "gold") },
        { "different values", b => b.RequireClaim("tier", "gold").RequireClaim("tier", "silver") },
        { "already checked", b => b.RequireIssuer("a").RequireClaim("iss", "a") },
        { "already checked", b => b.RequireRoles(["admin"], RequirementMatch.All, "groups").RequireClaim("groups", "x") },
        { "names no value", b => b.RequireClaim("level", Array.Empty<long>()) },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Build_refuses_a_policy_the_generator_would_refuse(string message, Func<TokenPolicyBuilder, TokenPolicyBuilder> build)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => build(new TokenPolicyBuilder()).Build());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_options_follow_the_policy()
    {
        TokenPolicy policy = new TokenPolicyBuilder()
            .RequireIssuer("https://login.example.com")
            .AllowAlgorithms(JwtAlgorithm.ES256)
            .RequireType("at+jwt")
            .ClockSkew(TimeSpan.FromSeconds(5))
            .Build();

        JwtValidationOptions options = policy.CreateValidationOptions(new FastToken.Keys.JsonWebKeySet([]));

        Assert.Equal(["https://login.example.com"], options.ValidIssuers);
        Assert.True(options.ValidateIssuer);
        Assert.False(options.ValidateAudience);
        Assert.Equal([JwtAlgorithm.ES256], options.Algorithms);
        Assert.Equal("at+jwt", options.RequiredType);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ClockSkew);
    }

    [Fact]
    public void Default_result_is_not_authorized()
    {
        TokenPolicyResult result = default;

        Assert.False(result.IsAuthorized);
        Assert.False(result.IsForbidden);
    }
}
