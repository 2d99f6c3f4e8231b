using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace FastToken.AspNetCore;

/// <summary>The context of <see cref="FastTokenEvents.OnTokenValidated"/>.</summary>
public sealed class FastTokenValidatedContext : ResultContext<FastTokenOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The request.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="options">The scheme's options.</param>
    /// <param name="identity">The identity of the validated token.</param>
    public FastTokenValidatedContext(
        HttpContext context,
        AuthenticationScheme scheme,
        FastTokenOptions options,
        FastTokenIdentity identity)
        : base(context, scheme, options)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Identity = identity;
        Principal = new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// The identity of the validated token. Reading its claims builds them; its token
    /// properties (<see cref="FastTokenIdentity.Source"/>, <see cref="FastTokenIdentity.ExpiresAt"/>)
    /// cost nothing.
    /// </summary>
    public FastTokenIdentity Identity { get; }
}
