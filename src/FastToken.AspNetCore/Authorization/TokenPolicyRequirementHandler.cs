using FastToken.Policies;
using Microsoft.AspNetCore.Authorization;

namespace FastToken.AspNetCore;

/// <summary>
/// Decides <see cref="TokenPolicyRequirement"/>s: from the verdict the FastToken scheme reached
/// when it validated the token through the endpoint's policies, or, for a policy it did not
/// know of, by validating the token again under that policy.
/// </summary>
internal sealed class TokenPolicyRequirementHandler : AuthorizationHandler<TokenPolicyRequirement>
{
    /// <inheritdoc/>
    protected override Task HandleRequirementAsync(
        AuthorizationHandlerContext context,
        TokenPolicyRequirement requirement)
    {
        FastTokenIdentity? identity = FastTokenIdentity.Find(context.User);
        if (identity is null)
        {
            return Task.CompletedTask;
        }

        bool met;
        string? scope;
        if (identity.GetPolicyVerdict(requirement) is { } verdict)
        {
            (met, scope) = verdict;
        }
        else
        {
            using TokenPolicyResult result = requirement.Evaluate(identity.Validator, identity.TokenSpan);
            met = result.IsAuthorized;
            scope = result.RequiredScope;
        }

        if (met)
        {
            context.Succeed(requirement);
        }
        else
        {
            identity.RequiredScope ??= scope;
            context.Fail(new AuthorizationFailureReason(this, "The token does not meet " + requirement + "."));
        }

        return Task.CompletedTask;
    }
}
