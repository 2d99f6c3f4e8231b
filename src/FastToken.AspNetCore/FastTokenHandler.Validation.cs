using FastToken.Policies;
using Microsoft.AspNetCore.Http;

namespace FastToken.AspNetCore;

public sealed partial class FastTokenHandler
{
    /// <summary>The most token policies or requirements an endpoint can have judged during validation.</summary>
    private const int MaxJudged = 16;

    /// <summary>
    /// Validates the token, through the endpoint's token policies when it has some, and judges
    /// the endpoint's token requirements in the same pass when it has none.
    /// </summary>
    /// <param name="validator">The scheme's validator.</param>
    /// <param name="token">The token.</param>
    /// <param name="source">Where it came from.</param>
    /// <param name="status">
    /// The validation status; <see cref="TokenStatus.Valid"/> when an identity is returned.
    /// </param>
    /// <param name="policyDescription">When a policy refused the token as invalid, its description.</param>
    /// <returns>The identity, or null when the token is invalid.</returns>
    private FastTokenIdentity? Validate(
        JwtValidator validator,
        TokenText token,
        TokenSource source,
        out TokenStatus status,
        out string? policyDescription)
    {
        policyDescription = null;
        EndpointMetadataCollection? metadata = Context.GetEndpoint()?.Metadata;

        // A generated policy runs the validator itself, with its own visitor: validate through it.
        IReadOnlyList<RequireTokenPolicyAttribute>? policies =
            metadata?.GetOrderedMetadata<RequireTokenPolicyAttribute>();
        if (policies is { Count: > 0 and <= MaxJudged })
        {
            return ValidateWithPolicies(validator, token, source, policies, out status, out policyDescription);
        }

        // Otherwise the endpoint's scope and role requirements ride the validator's single pass
        // over the claims, so authorization needs neither a second parse nor a ClaimsPrincipal.
        IReadOnlyList<TokenRequirementAttribute>? requirements =
            metadata?.GetOrderedMetadata<TokenRequirementAttribute>();
        if (requirements is { Count: > 0 and <= MaxJudged })
        {
            Span<uint> granted = stackalloc uint[MaxJudged];
            TokenRequirementVisitor visitor = new(requirements, granted[..requirements.Count]);
            using JwtValidationResult judged = validator.Validate(token.Span, ref visitor);
            status = judged.Status;
            FastTokenIdentity? identity = judged.IsValid ? CreateIdentity(judged, validator, token, source) : null;
            identity?.SetVerdicts(requirements, visitor.Outcome);
            return identity;
        }

        using JwtValidationResult result = validator.Validate(token.Span);
        status = result.Status;
        return result.IsValid ? CreateIdentity(result, validator, token, source) : null;
    }

    private FastTokenIdentity? ValidateWithPolicies(
        JwtValidator validator,
        TokenText token,
        TokenSource source,
        IReadOnlyList<RequireTokenPolicyAttribute> policies,
        out TokenStatus status,
        out string? policyDescription)
    {
        FastTokenIdentity? identity = null;
        uint verdicts = 0;
        int firstRefused = -1;
        string? scope = null;

        // Each policy validates the token in one pass; an endpoint usually has one.
        for (int index = 0; index < policies.Count; index++)
        {
            using TokenPolicyResult result = policies[index].Requirement.Evaluate(validator, token.Span);

            // The policy's token rules (issuer, audience, algorithm, type, lifetime, age) make a
            // token that breaks them invalid for this endpoint: 401, not 403.
            if (result.Status != TokenStatus.Valid || result.Failure == PolicyFailure.TokenAge)
            {
                status = result.Status == TokenStatus.Valid ? TokenStatus.Expired : result.Status;
                policyDescription = result.Failure == PolicyFailure.TokenAge ? result.Error.Description : null;
                return null;
            }

            identity ??= CreateIdentity(result.Token, validator, token, source);
            if (result.IsAuthorized)
            {
                verdicts |= 1u << index;
            }
            else if (firstRefused < 0)
            {
                firstRefused = index;
                scope = result.RequiredScope;
            }
        }

        status = TokenStatus.Valid;
        policyDescription = null;
        identity!.SetPolicyVerdicts(policies, verdicts, firstRefused, scope);
        return identity;
    }

    private FastTokenIdentity CreateIdentity(
        in JwtValidationResult result,
        JwtValidator validator,
        TokenText token,
        TokenSource source)
    {
        return new FastTokenIdentity(
            Scheme.Name,
            token.Text!,
            token.Start,
            token.Length,
            source,
            validator,
            result.Algorithm,
            result.ExpiresAt,
            Options.NameClaimType,
            Options.RoleClaimType);
    }
}
