using FastToken.Policies;

namespace FastToken.AspNetCore.Tests.Support;

/// <summary>Writing orders: the scope, and one of two roles.</summary>
[TokenPolicy]
[RequireScopes("orders.write")]
[RequireRoles("clerk", "manager", Matching = RequirementMatch.Any)]
public readonly partial struct OrdersWritePolicy;

/// <summary>Tokens issued in the last 10 seconds, give or take the skew; test tokens are a minute old.</summary>
[TokenPolicy]
[MaxTokenAge(10)]
public readonly partial struct FreshTokenPolicy;

/// <summary>Only HMAC-signed tokens.</summary>
[TokenPolicy]
[AllowAlgorithms("HS256")]
public ref partial struct HmacOnlyPolicy;
