namespace FastToken.AspNetCore;

/// <summary>
/// How a request authenticated by a token cookie proves that the browser sent it on behalf of
/// a page the application trusts. It applies to unsafe methods only (anything but GET, HEAD,
/// OPTIONS and TRACE, RFC 9110 §9.2.1), and never to a token from the <c>Authorization</c>
/// header, which a browser does not add by itself.
/// </summary>
/// <remarks>
/// <para>
/// A request passes when any of these holds, checked in this order:
/// </para>
/// <list type="number">
/// <item>the double-submit header equals the double-submit cookie (when a cookie name is set);</item>
/// <item><c>Sec-Fetch-Site</c> is <c>same-origin</c> or <c>none</c> (a navigation the user started);</item>
/// <item><c>Origin</c> is the request's own origin (when <see cref="AllowSameOrigin"/> is on) or is
/// listed in <see cref="AllowedOrigins"/>;</item>
/// <item>the request has neither <c>Origin</c> nor <c>Sec-Fetch-Site</c>, which no current
/// browser sends that way for an unsafe method, and <see cref="AllowRequestsWithoutOrigin"/> is on.</item>
/// </list>
/// <para>
/// A request that passes none of them is not authenticated by its cookie: an endpoint that
/// requires authentication answers 403 with the reason, and an anonymous endpoint runs as
/// for an anonymous caller.
/// </para>
/// </remarks>
public sealed class FastTokenCsrfOptions
{
    /// <summary>The default double-submit header name, <c>X-CSRF-Token</c>.</summary>
    public const string DefaultDoubleSubmitHeaderName = "X-CSRF-Token";

    /// <summary>
    /// Whether the defence runs. On by default; turn it off only where every cookie-borne
    /// request is known to come from a trusted origin by other means.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Origins whose pages may send unsafe requests riding on the token cookie, written as a
    /// browser serializes them: <c>https://app.example.com</c> or <c>http://127.0.0.1:5000</c>
    /// (scheme, host and a non-default port; no path). Compared case-insensitively.
    /// </summary>
    public IList<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Whether an <c>Origin</c> equal to the request's own scheme and host passes. On by
    /// default. Behind a proxy that rewrites the host, list the public origin instead.
    /// </summary>
    public bool AllowSameOrigin { get; set; } = true;

    /// <summary>
    /// The cookie that holds the double-submit token; <see langword="null"/> (the default)
    /// turns the double-submit check off. Prefer a <c>__Host-</c> name, which a sibling
    /// subdomain cannot overwrite.
    /// </summary>
    public string? DoubleSubmitCookieName { get; set; }

    /// <summary>The header that must repeat the double-submit cookie. Default <c>X-CSRF-Token</c>.</summary>
    public string DoubleSubmitHeaderName { get; set; } = DefaultDoubleSubmitHeaderName;

    /// <summary>
    /// Whether an unsafe request with neither <c>Origin</c> nor <c>Sec-Fetch-Site</c> passes.
    /// Off by default: such a request does not come from a current browser, and a client that
    /// is not a browser can send the token in the <c>Authorization</c> header instead.
    /// </summary>
    public bool AllowRequestsWithoutOrigin { get; set; }
}
