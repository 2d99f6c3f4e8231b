using System.Text;
using Microsoft.AspNetCore.Authorization;

namespace FastToken.AspNetCore;

/// <summary>
/// An authorization requirement judged on the validated token itself, never on a
/// <see cref="System.Security.Claims.ClaimsPrincipal"/>: every listed scope must be granted
/// (by the <c>scope</c> or <c>scp</c> claim), and, when roles are listed, at least one of
/// them (by the <c>roles</c> or <c>role</c> claim). A request that fails it is answered 403
/// with <c>error="insufficient_scope"</c> and the scopes in <c>scope</c> (RFC 6750 §3.1).
/// </summary>
/// <remarks>
/// Put it on an endpoint with <c>RequireTokenScope</c>, <c>RequireTokenRole</c> or the
/// <see cref="RequireTokenScopeAttribute"/> and <see cref="RequireTokenRoleAttribute"/>
/// attributes: the FastToken scheme then judges it in the validator's single pass over the
/// claims, before the endpoint runs. Added to a policy any other way, it is judged when
/// authorization asks, from the token's claims set, still without building claims.
/// </remarks>
public sealed class TokenRequirement : IAuthorizationRequirement
{
    /// <summary>The most scopes one requirement can list.</summary>
    public const int MaxScopes = 32;

    /// <summary>Creates a requirement.</summary>
    /// <param name="scopes">Scopes that must all be granted; compared exactly (RFC 6749 §3.3).</param>
    /// <param name="roles">Roles of which one must be held; empty for no role rule.</param>
    /// <exception cref="ArgumentException">
    /// Nothing is required, a value is empty or holds a space, or there are more than
    /// <see cref="MaxScopes"/> scopes.
    /// </exception>
    public TokenRequirement(IEnumerable<string> scopes, IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(roles);
        Scopes = [.. scopes.Distinct(StringComparer.Ordinal)];
        Roles = [.. roles.Distinct(StringComparer.Ordinal)];

        if (Scopes.Count == 0 && Roles.Count == 0)
        {
            throw new ArgumentException("A token requirement needs at least one scope or role.");
        }

        if (Scopes.Count > MaxScopes)
        {
            throw new ArgumentException($"A token requirement lists at most {MaxScopes} scopes.");
        }

        // RFC 6749 §3.3: a scope token is a non-empty run of printable characters other than
        // space, '"' and '\'.
        foreach (string value in Scopes.Concat(Roles))
        {
            if (value.Length == 0 || value.Any(c => c is <= ' ' or '"' or '\\' or > '~'))
            {
                throw new ArgumentException($"'{value}' is not a scope or role name.");
            }
        }

        ScopeBytes = [.. Scopes.Select(Encoding.UTF8.GetBytes)];
        RoleBytes = [.. Roles.Select(Encoding.UTF8.GetBytes)];
        ScopeText = Scopes.Count == 0 ? null : string.Join(' ', Scopes);
        AllScopes = Scopes.Count == 32 ? uint.MaxValue : (1u << Scopes.Count) - 1;
    }

    /// <summary>The scopes that must all be granted.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>The roles of which one must be held; empty when roles do not matter.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>The scopes as a space-separated list, as the 403 challenge names them; null when none.</summary>
    public string? ScopeText { get; }

    internal byte[][] ScopeBytes { get; }

    internal byte[][] RoleBytes { get; }

    /// <summary>The bits of <see cref="Scopes"/> that must all be set.</summary>
    internal uint AllScopes { get; }

    /// <inheritdoc/>
    public override string ToString()
        => $"Token requirement: scopes [{string.Join(' ', Scopes)}], one of roles [{string.Join(' ', Roles)}]";
}
