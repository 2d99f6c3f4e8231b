using System.Reflection;
using FastToken.Policies;
using Microsoft.AspNetCore.Authorization;

namespace FastToken.AspNetCore;

/// <summary>
/// An authorization requirement that a token meets a FastToken policy: one generated from a
/// <see cref="TokenPolicyAttribute"/> type, or a <see cref="TokenPolicy"/> built at run time.
/// On an endpoint (<c>RequireTokenPolicy&lt;TPolicy&gt;()</c> or
/// <see cref="RequireTokenPolicyAttribute"/>), the FastToken scheme validates the token
/// through the policy, so the policy's checks ride the validator's single pass and no
/// <see cref="System.Security.Claims.ClaimsPrincipal"/> is built.
/// </summary>
/// <remarks>
/// A policy's token rules (issuer, audience, algorithm, type, lifetime, token age) make a
/// token that breaks them invalid: 401 <c>invalid_token</c>. Its permissions (scopes, roles,
/// claim values) make a valid token that lacks them forbidden: 403 <c>insufficient_scope</c>,
/// naming the missing scope when it is one. Added to a policy any other way, the requirement is
/// judged when authorization asks, by validating the token again under the policy.
/// </remarks>
public sealed class TokenPolicyRequirement : IAuthorizationRequirement
{
    private readonly Evaluator _evaluate;

    private TokenPolicyRequirement(string name, Evaluator evaluate)
    {
        PolicyName = name;
        _evaluate = evaluate;
    }

    /// <summary>Validates a token under a policy.</summary>
    internal delegate TokenPolicyResult Evaluator(JwtValidator validator, ReadOnlySpan<char> token);

    /// <summary>The policy's name: its type name, or the name given to a run-time policy.</summary>
    public string PolicyName { get; }

    /// <summary>A requirement for a policy generated from <typeparamref name="TPolicy"/>.</summary>
    /// <typeparam name="TPolicy">
    /// A type marked <see cref="TokenPolicyAttribute"/>, compiled by FastToken's generator.
    /// </typeparam>
    /// <returns>The requirement.</returns>
    /// <exception cref="ArgumentException">
    /// The type has no generated <c>Validate(JwtValidator, ReadOnlySpan&lt;char&gt;)</c>: it is not a token
    /// policy, or the generator did not run for it (its project does not reference FastToken's analyzer).
    /// </exception>
    public static TokenPolicyRequirement For<TPolicy>()
        where TPolicy : allows ref struct
        => For(typeof(TPolicy));

    /// <summary>A requirement for a policy generated from <paramref name="policyType"/>.</summary>
    /// <param name="policyType">A type marked <see cref="TokenPolicyAttribute"/>.</param>
    /// <returns>The requirement.</returns>
    /// <exception cref="ArgumentException">The type has no generated <c>Validate</c> method.</exception>
    public static TokenPolicyRequirement For(Type policyType)
    {
        ArgumentNullException.ThrowIfNull(policyType);
        MethodInfo? validate = policyType.GetMethod(
            "Validate",
            BindingFlags.Public | BindingFlags.Static,
            [typeof(JwtValidator), typeof(ReadOnlySpan<char>)]);
        if (validate is null || validate.ReturnType != typeof(TokenPolicyResult)
            || policyType.GetCustomAttribute<TokenPolicyAttribute>() is null)
        {
            throw new ArgumentException(
                $"'{policyType}' is not a generated token policy: mark a partial type with [TokenPolicy] "
                + "in a project that references FastToken, whose generator adds its Validate method.",
                nameof(policyType));
        }

        return new TokenPolicyRequirement(policyType.Name, validate.CreateDelegate<Evaluator>());
    }

    /// <summary>A requirement for a policy built at run time.</summary>
    /// <param name="name">A name for logs and failure reasons.</param>
    /// <param name="policy">The policy.</param>
    /// <returns>The requirement.</returns>
    public static TokenPolicyRequirement For(string name, TokenPolicy policy)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(policy);
        return new TokenPolicyRequirement(name, policy.Validate);
    }

    /// <summary>Validates <paramref name="token"/> under the policy; dispose the result.</summary>
    internal TokenPolicyResult Evaluate(JwtValidator validator, ReadOnlySpan<char> token)
        => _evaluate(validator, token);

    /// <inheritdoc/>
    public override string ToString() => "Token policy " + PolicyName;
}
