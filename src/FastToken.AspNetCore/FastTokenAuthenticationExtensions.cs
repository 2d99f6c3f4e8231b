using FastToken.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers FastToken authentication schemes.</summary>
public static class FastTokenAuthenticationExtensions
{
    /// <summary>
    /// Adds a FastToken scheme named <see cref="FastTokenDefaults.AuthenticationScheme"/>, with
    /// settings from the configuration section <c>Authentication:Schemes:FastToken</c>.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <returns>The builder, to chain calls.</returns>
    public static AuthenticationBuilder AddFastToken(this AuthenticationBuilder builder)
        => builder.AddFastToken(FastTokenDefaults.AuthenticationScheme, displayName: null, configureOptions: null);

    /// <summary>
    /// Adds a FastToken scheme named <see cref="FastTokenDefaults.AuthenticationScheme"/>;
    /// <paramref name="configureOptions"/> runs after the configuration section is bound.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="configureOptions">Sets the scheme's options.</param>
    /// <returns>The builder, to chain calls.</returns>
    public static AuthenticationBuilder AddFastToken(
        this AuthenticationBuilder builder,
        Action<FastTokenOptions>? configureOptions)
        => builder.AddFastToken(FastTokenDefaults.AuthenticationScheme, displayName: null, configureOptions);

    /// <summary>
    /// Adds a FastToken scheme under another name, for example <c>Bearer</c> to take the place
    /// of <c>AddJwtBearer</c>, with settings from <c>Authentication:Schemes:{scheme}</c>.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="configureOptions">Sets the scheme's options.</param>
    /// <returns>The builder, to chain calls.</returns>
    public static AuthenticationBuilder AddFastToken(
        this AuthenticationBuilder builder,
        string authenticationScheme,
        Action<FastTokenOptions>? configureOptions)
        => builder.AddFastToken(authenticationScheme, displayName: null, configureOptions);

    /// <summary>
    /// Adds a FastToken scheme with a name and a display name, with settings from
    /// <c>Authentication:Schemes:{scheme}</c>, then <paramref name="configureOptions"/>.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="displayName">The display name, or <see langword="null"/>.</param>
    /// <param name="configureOptions">Sets the scheme's options.</param>
    /// <returns>The builder, to chain calls.</returns>
    /// <remarks>
    /// Misconfiguration (no keys, no audience while the audience check is on, a bad origin)
    /// is reported by an <see cref="InvalidOperationException"/> when the scheme is first used.
    /// </remarks>
    public static AuthenticationBuilder AddFastToken(
        this AuthenticationBuilder builder,
        string authenticationScheme,
        string? displayName,
        Action<FastTokenOptions>? configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);

        IServiceCollection services = builder.Services;
        services.AddMetrics();
        services.TryAddSingleton<FastTokenMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, TokenRequirementHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, TokenPolicyRequirementHandler>());
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IConfigureOptions<FastTokenOptions>, FastTokenConfigureOptions>());
        builder.AddScheme<FastTokenOptions, FastTokenHandler>(authenticationScheme, displayName, configureOptions);

        // After AddScheme, so that the clock the framework assigns to the options is the one used.
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IPostConfigureOptions<FastTokenOptions>, FastTokenPostConfigureOptions>());
        return builder;
    }
}
