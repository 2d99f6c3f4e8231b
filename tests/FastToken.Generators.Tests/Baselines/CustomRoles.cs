using System;
using FastToken;
using FastToken.Policies;

namespace Accounts;

[TokenPolicy]
[AllowAlgorithms("HS256", "HS512")]
[RequireRoles("reader", "auditor", ClaimName = "app_roles")]
[RequireClaim("région", "eu-west", "eu-north")]
public ref partial struct AccountRead
{
    [Claim("app_roles")]
    public partial JwtStringArray Roles { get; }

    [Claim("région")]
    public partial ReadOnlySpan<byte> Region { get; }
}
