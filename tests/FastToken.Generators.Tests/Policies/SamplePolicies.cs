using FastToken.Policies;

namespace FastToken.Generators.Tests.Policies;

/// <summary>An RFC 9068 access-token policy with every kind of requirement and capture.</summary>
[TokenPolicy]
[RequireIssuer("https://login.example.com", "https://login2.example.com")]
[RequireAudience("orders")]
[AllowAlgorithms("ES256", "RS256")]
[RequireType("at+jwt")]
[RequireScopes("orders.read", "orders.write")]
[RequireRoles("clerk", "manager", Matching = RequirementMatch.Any)]
[RequireClaim("tier", "gold", "silver")]
[RequireClaim("level", 2, 3)]
[RequireClaim("mfa", true)]
[MaxTokenAge(3600)]
[ClockSkew(10)]
public readonly partial struct OrdersWrite
{
    [Claim("sub")]
    public partial ReadOnlySpan<byte> Subject { get; }

    [Claim("tenant")]
    public partial ReadOnlySpan<byte> Tenant { get; }

    [Claim("groups")]
    public partial JwtStringArray Groups { get; }

    [Claim("seat")]
    public partial long? Seat { get; }

    [Claim("beta")]
    public partial bool Beta { get; }

    [Claim("auth_time")]
    public partial DateTimeOffset? AuthTime { get; }
}

/// <summary>A rule-only policy: one scope out of two, as a static class.</summary>
[TokenPolicy]
[RequireIssuer("https://login.example.com")]
[RequireScopes("reports.read", "reports.admin", Matching = RequirementMatch.Any)]
public static partial class ReportsRead
{
}

/// <summary>A policy for HMAC-signed service tokens, with a custom role claim and captures of each kind.</summary>
[TokenPolicy]
[RequireIssuer("https://login.example.com")]
[RequireAudience("accounts")]
[AllowAlgorithms("HS256", "HS512")]
[RequireScopes("accounts.read")]
[RequireRoles("reader", ClaimName = "app_roles")]
[RequireClaim("level", 2, 3)]
[MaxTokenAge(3600)]
public partial struct AccountRead
{
    [Claim("sub")]
    public partial ReadOnlySpan<byte> Subject { get; }

    [Claim("groups")]
    public partial JwtStringArray Groups { get; }

    [Claim("seat")]
    public partial long Seat { get; }

    [Claim("beta")]
    public partial bool? Beta { get; }

    [Claim("auth_time")]
    public partial DateTimeOffset AuthTime { get; }
}

/// <summary>A policy that reads no claim beyond what the validator checks: the token's age alone.</summary>
[TokenPolicy]
[MaxTokenAge(300)]
public static partial class FreshOnly
{
}

/// <summary>A rule on a non-ASCII claim name beside a capture of an ASCII name as long in UTF-8.</summary>
[TokenPolicy]
[RequireClaim("région", "eu")]
public readonly partial struct RegionalAccess
{
    [Claim("country")]
    public partial ReadOnlySpan<byte> Country { get; }
}
