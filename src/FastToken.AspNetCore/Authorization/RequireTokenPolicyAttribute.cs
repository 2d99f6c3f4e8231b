using Microsoft.AspNetCore.Authorization;

namespace FastToken.AspNetCore;

/// <summary>
/// Requires the token to meet a generated FastToken policy; see <see cref="TokenPolicyRequirement"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequireTokenPolicyAttribute : Attribute, IAuthorizationRequirementData
{
    /// <summary>Requires the policy generated from <paramref name="policyType"/>.</summary>
    /// <param name="policyType">A type marked <see cref="Policies.TokenPolicyAttribute"/>.</param>
    /// <exception cref="ArgumentException">The type has no generated <c>Validate</c> method.</exception>
    public RequireTokenPolicyAttribute(Type policyType)
        : this(TokenPolicyRequirement.For(policyType))
    {
    }

    /// <summary>Carries an existing requirement, as the endpoint extensions do.</summary>
    /// <param name="requirement">The requirement.</param>
    internal RequireTokenPolicyAttribute(TokenPolicyRequirement requirement)
    {
        Requirement = requirement;
    }

    /// <summary>The requirement.</summary>
    public TokenPolicyRequirement Requirement { get; }

    /// <inheritdoc/>
    public IEnumerable<IAuthorizationRequirement> GetRequirements()
    {
        yield return Requirement;
    }
}
