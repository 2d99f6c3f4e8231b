using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace FastToken.AspNetCore;

/// <summary>The context of <see cref="FastTokenEvents.OnAuthenticationFailed"/>.</summary>
public sealed class FastTokenFailedContext : ResultContext<FastTokenOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The request.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="options">The scheme's options.</param>
    /// <param name="exception">What failed.</param>
    public FastTokenFailedContext(
        HttpContext context,
        AuthenticationScheme scheme,
        FastTokenOptions options,
        FastTokenAuthenticationException exception)
        : base(context, scheme, options)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Exception = exception;
    }

    /// <summary>What failed. Leaving the result unset fails authentication with it.</summary>
    public FastTokenAuthenticationException Exception { get; }
}
