namespace FastToken.Policies.Benchmarks;

/// <summary>The rules every variant of the benchmark applies, here as a generated policy.</summary>
[TokenPolicy]
[RequireIssuer("https://login.example.com")]
[RequireAudience("orders")]
[AllowAlgorithms("HS256", "HS384")]
[RequireScopes("orders.read", "orders.write")]
[RequireRoles("clerk", "manager", Matching = RequirementMatch.Any)]
[RequireClaim("tier", "gold", "silver")]
[MaxTokenAge(3600)]
public readonly partial struct OrdersPolicy
{
    /// <summary>The subject, captured during the pass.</summary>
    [Claim("sub")]
    public partial ReadOnlySpan<byte> Subject { get; }

    /// <summary>The tenant, captured during the pass.</summary>
    [Claim("tenant")]
    public partial ReadOnlySpan<byte> Tenant { get; }
}

/// <summary>The same rules for ES256-signed tokens.</summary>
[TokenPolicy]
[RequireIssuer("https://login.example.com")]
[RequireAudience("orders")]
[AllowAlgorithms("ES256")]
[RequireScopes("orders.read", "orders.write")]
[RequireRoles("clerk", "manager", Matching = RequirementMatch.Any)]
[RequireClaim("tier", "gold", "silver")]
[MaxTokenAge(3600)]
public readonly partial struct OrdersPolicyEcdsa
{
    /// <summary>The subject, captured during the pass.</summary>
    [Claim("sub")]
    public partial ReadOnlySpan<byte> Subject { get; }

    /// <summary>The tenant, captured during the pass.</summary>
    [Claim("tenant")]
    public partial ReadOnlySpan<byte> Tenant { get; }
}
