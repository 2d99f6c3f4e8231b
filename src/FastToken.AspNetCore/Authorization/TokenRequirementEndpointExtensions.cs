using FastToken.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Puts token requirements on minimal API endpoints and route groups.</summary>
public static class TokenRequirementEndpointExtensions
{
    /// <summary>
    /// Requires a token that grants every listed scope. A caller without a valid token gets a
    /// challenge; one whose token lacks a scope gets 403 <c>insufficient_scope</c> naming them.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint builder type.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <param name="scopes">The scopes.</param>
    /// <returns>The builder, to chain calls.</returns>
    /// <exception cref="ArgumentException">No scope, or a scope that is not a scope token.</exception>
    public static TBuilder RequireTokenScope<TBuilder>(this TBuilder builder, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder
        => builder.WithMetadata(new RequireTokenScopeAttribute(scopes));

    /// <summary>
    /// Requires a token that holds one of the listed roles (in its <c>roles</c> or <c>role</c>
    /// claim). A caller whose token holds none gets 403 <c>insufficient_scope</c>.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint builder type.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <param name="roles">The roles.</param>
    /// <returns>The builder, to chain calls.</returns>
    /// <exception cref="ArgumentException">No role, or a role that is empty or holds a space.</exception>
    public static TBuilder RequireTokenRole<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder
        => builder.WithMetadata(new RequireTokenRoleAttribute(roles));

    /// <summary>
    /// Requires a token that meets the policy generated from <typeparamref name="TPolicy"/>: the
    /// FastToken scheme validates the token through it, in one pass. A token that breaks the
    /// policy's token rules gets 401 <c>invalid_token</c>; one that lacks a permission gets 403
    /// <c>insufficient_scope</c>.
    /// </summary>
    /// <typeparam name="TPolicy">A type marked <see cref="FastToken.Policies.TokenPolicyAttribute"/>.</typeparam>
    /// <typeparam name="TBuilder">The endpoint builder type.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <returns>The builder, to chain calls.</returns>
    /// <exception cref="ArgumentException">The type has no generated <c>Validate</c> method.</exception>
    public static TBuilder RequireTokenPolicy<TPolicy, TBuilder>(this TBuilder builder)
        where TPolicy : allows ref struct
        where TBuilder : IEndpointConventionBuilder
        => builder.WithMetadata(new RequireTokenPolicyAttribute(TokenPolicyRequirement.For<TPolicy>()));

    /// <summary>Requires a token that meets the policy generated from <typeparamref name="TPolicy"/>.</summary>
    /// <typeparam name="TPolicy">A type marked <see cref="FastToken.Policies.TokenPolicyAttribute"/>.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <returns>The builder, to chain calls.</returns>
    /// <exception cref="ArgumentException">The type has no generated <c>Validate</c> method.</exception>
    public static IEndpointConventionBuilder RequireTokenPolicy<TPolicy>(this IEndpointConventionBuilder builder)
        where TPolicy : allows ref struct
        => builder.RequireTokenPolicy<TPolicy, IEndpointConventionBuilder>();

    /// <summary>
    /// Requires a token that meets a policy built at run time with <see cref="FastToken.Policies.TokenPolicyBuilder"/>.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint builder type.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <param name="name">A name for logs and failure reasons.</param>
    /// <param name="policy">The policy.</param>
    /// <returns>The builder, to chain calls.</returns>
    public static TBuilder RequireTokenPolicy<TBuilder>(
        this TBuilder builder,
        string name,
        FastToken.Policies.TokenPolicy policy)
        where TBuilder : IEndpointConventionBuilder
        => builder.WithMetadata(new RequireTokenPolicyAttribute(TokenPolicyRequirement.For(name, policy)));
}
