using FastToken.Benchmarks.Fixtures;
using FastToken.Policies;

namespace FastToken.Benchmarks.Policies;

/// <summary>
/// The end-to-end suite's authorization rule, compiled by the policy generator: the fixtures'
/// issuer and audience, and a scope the typical token grants. The algorithm, <c>typ</c> and
/// lifetime are left to the validator, which holds every library to them.
/// </summary>
[TokenPolicy]
[RequireIssuer(ClaimSets.Issuer)]
[RequireAudience(ClaimSets.Audience)]
[RequireScopes(ClaimSets.RequiredScope)]
internal readonly partial struct OrdersRead
{
    /// <summary>The subject, captured during the validation pass.</summary>
    [Claim("sub")]
    public partial ReadOnlySpan<byte> Subject { get; }

    /// <summary>The granted scopes as one space-delimited string (RFC 9068 2.2.3).</summary>
    [Claim("scope")]
    public partial ReadOnlySpan<byte> Scope { get; }

    /// <summary>The client the token was issued to (RFC 9068 2.2).</summary>
    [Claim("client_id")]
    public partial ReadOnlySpan<byte> ClientId { get; }
}
