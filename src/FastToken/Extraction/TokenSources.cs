namespace FastToken;

/// <summary>
/// Which parts of a request a <see cref="TokenExtractor"/> reads, and in which order.
/// </summary>
/// <remarks>
/// The default, <see cref="AuthorizationHeader"/>, reads no cookie. A browser attaches cookies
/// to requests that other sites trigger, so accepting a token from a cookie makes every
/// state-changing endpoint depend on a CSRF defence (SameSite cookies, an anti-forgery token or
/// an origin check). Enable a cookie source only where that defence exists.
/// </remarks>
public enum TokenSources
{
    /// <summary>Only the <c>Authorization</c> field.</summary>
    AuthorizationHeader = 0,

    /// <summary>Only the configured cookie.</summary>
    Cookie,

    /// <summary>
    /// The <c>Authorization</c> field first; the cookie when the field carries no bearer token.
    /// </summary>
    AuthorizationHeaderThenCookie,

    /// <summary>
    /// The cookie first; the <c>Authorization</c> field when there is no token cookie.
    /// </summary>
    CookieThenAuthorizationHeader,
}
