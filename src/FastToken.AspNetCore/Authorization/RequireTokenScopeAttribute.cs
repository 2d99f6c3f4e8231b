namespace FastToken.AspNetCore;

/// <summary>Requires the token to grant every listed scope.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequireTokenScopeAttribute : TokenRequirementAttribute
{
    /// <summary>Requires every listed scope.</summary>
    /// <param name="scopes">The scopes.</param>
    /// <exception cref="ArgumentException">No scope, or a scope that is not a scope token.</exception>
    public RequireTokenScopeAttribute(params string[] scopes)
        : base(new TokenRequirement(scopes, []))
    {
    }
}
