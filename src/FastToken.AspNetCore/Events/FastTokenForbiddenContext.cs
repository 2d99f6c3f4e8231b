using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace FastToken.AspNetCore;

/// <summary>The context of <see cref="FastTokenEvents.OnForbidden"/>.</summary>
public sealed class FastTokenForbiddenContext : PropertiesContext<FastTokenOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The request.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="options">The scheme's options.</param>
    /// <param name="properties">The forbid call's properties.</param>
    public FastTokenForbiddenContext(
        HttpContext context,
        AuthenticationScheme scheme,
        FastTokenOptions options,
        AuthenticationProperties? properties)
        : base(context, scheme, options, properties)
    {
    }

    /// <summary>
    /// The scope the request needs, sent as <c>scope</c> in the challenge (RFC 6750 §3); set by
    /// a token requirement that failed, <see langword="null"/> when none is known.
    /// </summary>
    public string? RequiredScope { get; set; }

    /// <summary>The <c>error_description</c>; a fixed sentence that never contains token bytes.</summary>
    public string ErrorDescription { get; set; } = "The token does not grant the access this request requires.";

    /// <summary>Whether the handler wrote the response itself, so the default one is skipped.</summary>
    public bool Handled { get; private set; }

    /// <summary>Skips the default response: the event handler writes its own.</summary>
    public void HandleResponse() => Handled = true;
}
