using System;
using FastToken;
using FastToken.Policies;

namespace Shop.Orders;

[TokenPolicy]
[RequireIssuer("https://login.example.com")]
[RequireAudience("orders", "orders-v2")]
[AllowAlgorithms("ES256")]
[RequireType("at+jwt")]
[RequireScopes("orders.write")]
[RequireRoles("clerk", "manager", Matching = RequirementMatch.Any)]
[RequireClaim("tier", "gold", "silver")]
[RequireClaim("level", 3)]
[RequireClaim("mfa", false)]
[MaxTokenAge(900)]
[ClockSkew(5)]
public readonly partial struct OrdersWrite
{
    [Claim("sub")]
    public partial ReadOnlySpan<byte> Subject { get; }

    [Claim("groups")]
    internal partial JwtStringArray Groups { get; }

    [Claim("seat")]
    public partial long? Seat { get; }

    [Claim("beta")]
    public partial bool Beta { get; }

    [Claim("auth_time")]
    public partial DateTimeOffset? AuthTime { get; }
}
