namespace FastToken.AspNetCore;

/// <summary>Requires the token to hold at least one of the listed roles.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequireTokenRoleAttribute : TokenRequirementAttribute
{
    /// <summary>Requires one of the listed roles.</summary>
    /// <param name="roles">The roles.</param>
    /// <exception cref="ArgumentException">No role, or a role that is empty or holds a space.</exception>
    public RequireTokenRoleAttribute(params string[] roles)
        : base(new TokenRequirement([], roles))
    {
    }
}
