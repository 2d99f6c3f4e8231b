using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace FastToken.AspNetCore;

/// <summary>The context of <see cref="FastTokenEvents.OnChallenge"/>.</summary>
public sealed class FastTokenChallengeContext : PropertiesContext<FastTokenOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The request.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="options">The scheme's options.</param>
    /// <param name="properties">The challenge's properties.</param>
    public FastTokenChallengeContext(
        HttpContext context,
        AuthenticationScheme scheme,
        FastTokenOptions options,
        AuthenticationProperties? properties)
        : base(context, scheme, options, properties)
    {
    }

    /// <summary>Why authentication failed, or <see langword="null"/> when the request carried no token.</summary>
    public FastTokenAuthenticationException? AuthenticateFailure { get; init; }

    /// <summary>The status to answer: 401, 400 for an invalid request, 403 for a CSRF refusal.</summary>
    public int StatusCode { get; set; } = StatusCodes.Status401Unauthorized;

    /// <summary>
    /// The RFC 6750 error code sent in <c>WWW-Authenticate</c>, or <see langword="null"/> for a
    /// bare <c>Bearer</c> challenge, as RFC 6750 §3.1 asks when no credential was sent.
    /// </summary>
    public string? Error { get; set; }

    /// <summary>The <c>error_description</c>; a fixed sentence that never contains token bytes.</summary>
    public string? ErrorDescription { get; set; }

    /// <summary>Whether the handler wrote the response itself, so the default one is skipped.</summary>
    public bool Handled { get; private set; }

    /// <summary>Skips the default response: the event handler writes its own.</summary>
    public void HandleResponse() => Handled = true;
}
