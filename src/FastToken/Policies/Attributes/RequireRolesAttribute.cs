namespace FastToken.Policies;

/// <summary>
/// Requires roles: those in the <c>roles</c> and <c>role</c> claims (each a string or an array
/// of strings), or in the claim <see cref="ClaimName"/> names. A token that fails is forbidden:
/// <see cref="PolicyFailure.Role"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class RequireRolesAttribute : Attribute
{
    /// <summary>Requires <paramref name="roles"/>: all of them unless <see cref="Matching"/> says otherwise.</summary>
    /// <param name="roles">The roles, compared ordinally; at least one.</param>
    public RequireRolesAttribute(params string[] roles)
    {
        Roles = roles;
    }

    /// <summary>The required roles.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>Whether all the roles are required (the default) or any one is enough.</summary>
    public RequirementMatch Matching { get; set; }

    /// <summary>The one claim that carries roles; <see langword="null"/> reads <c>roles</c> and <c>role</c>.</summary>
    public string? ClaimName { get; set; }
}
