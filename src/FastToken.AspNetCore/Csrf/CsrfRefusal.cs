namespace FastToken.AspNetCore;

/// <summary>
/// Why the CSRF defence refused to let a token cookie authenticate an unsafe request
/// (see <see cref="FastTokenCsrfOptions"/>).
/// </summary>
public enum CsrfRefusal
{
    /// <summary>Not refused.</summary>
    None = 0,

    /// <summary>The <c>Origin</c> is neither the request's own origin nor an allowed one.</summary>
    OriginNotAllowed,

    /// <summary>
    /// The <c>Origin</c> is <c>null</c>: the page is opaque (a sandboxed frame, a <c>data:</c> or
    /// <c>file:</c> page, or a redirect across sites), so nothing vouches for it.
    /// </summary>
    OpaqueOrigin,

    /// <summary>
    /// The request has no <c>Origin</c> to check, and no double-submit token that matches.
    /// </summary>
    OriginMissing,
}
