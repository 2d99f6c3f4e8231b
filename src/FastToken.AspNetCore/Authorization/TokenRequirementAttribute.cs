using Microsoft.AspNetCore.Authorization;

namespace FastToken.AspNetCore;

/// <summary>
/// Endpoint metadata that carries a <see cref="TokenRequirement"/>. ASP.NET Core adds the
/// requirement to the endpoint's authorization policy, and the FastToken scheme judges it
/// while it validates the token.
/// </summary>
public abstract class TokenRequirementAttribute : Attribute, IAuthorizationRequirementData
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="requirement">The requirement.</param>
    private protected TokenRequirementAttribute(TokenRequirement requirement)
    {
        Requirement = requirement;
    }

    /// <summary>The requirement.</summary>
    public TokenRequirement Requirement { get; }

    /// <inheritdoc/>
    public IEnumerable<IAuthorizationRequirement> GetRequirements()
    {
        yield return Requirement;
    }
}
