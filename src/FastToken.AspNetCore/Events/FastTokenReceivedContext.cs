using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace FastToken.AspNetCore;

/// <summary>The context of <see cref="FastTokenEvents.OnTokenReceived"/>.</summary>
public sealed class FastTokenReceivedContext : ResultContext<FastTokenOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The request.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="options">The scheme's options.</param>
    public FastTokenReceivedContext(HttpContext context, AuthenticationScheme scheme, FastTokenOptions options)
        : base(context, scheme, options)
    {
    }

    /// <summary>
    /// The token found in the request, or <see langword="null"/> when there was none. Set it to
    /// have another token validated, or to <see langword="null"/> to treat the request as
    /// carrying none. Treat it as a secret: never log it.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>
    /// Where <see cref="Token"/> came from. A token supplied by the handler should leave it as
    /// <see cref="TokenSource.None"/>, unless it was read from a cookie: only a
    /// <see cref="TokenSource.Cookie"/> token goes through the CSRF defence.
    /// </summary>
    public TokenSource Source { get; set; }
}
