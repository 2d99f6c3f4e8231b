using Microsoft.AspNetCore.Http;

namespace FastToken.AspNetCore;

/// <summary>
/// How <see cref="TokenCookieWriter"/> writes the token cookie. The defaults are the safe
/// ones: <c>HttpOnly</c>, <c>Secure</c>, <c>SameSite=Lax</c>, <c>Path=/</c>, no <c>Domain</c>.
/// </summary>
/// <remarks>
/// The writer refuses settings that a browser would silently refuse or weaken
/// (RFC 6265bis §4.1.3 and §5.4): <c>SameSite=None</c> without <c>Secure</c>, a
/// <c>__Secure-</c> name without <c>Secure</c>, and a <c>__Host-</c> name without
/// <c>Secure</c>, with a <c>Domain</c> or with a path other than <c>/</c>.
/// </remarks>
public sealed class TokenCookieOptions
{
    /// <summary>
    /// The default size of one cookie's name and value, 4000 characters: below the 4096 bytes
    /// browsers accept (RFC 6265bis §5.6) with room to spare.
    /// </summary>
    public const int DefaultChunkSize = 4000;

    /// <summary>
    /// The cookie name. Default <c>access_token</c>; it must match the scheme's
    /// <see cref="FastTokenOptions.CookieName"/>.
    /// </summary>
    public string Name { get; set; } = TokenExtractionOptions.DefaultCookieName;

    /// <summary>
    /// The <c>Domain</c> attribute: a parent domain such as <c>example.com</c> shares the cookie
    /// with every subdomain (<c>app.example.com</c>, <c>api.example.com</c>).
    /// <see langword="null"/> (the default) keeps the cookie to the host that set it.
    /// </summary>
    public string? Domain { get; set; }

    /// <summary>The <c>Path</c> attribute. Default <c>/</c>.</summary>
    public string Path { get; set; } = "/";

    /// <summary>Whether the cookie is only sent over https (<c>Secure</c>). On by default.</summary>
    public bool Secure { get; set; } = true;

    /// <summary>Whether scripts are kept from reading the cookie (<c>HttpOnly</c>). On by default.</summary>
    public bool HttpOnly { get; set; } = true;

    /// <summary>
    /// The <c>SameSite</c> attribute. Default <see cref="SameSiteMode.Lax"/>: the cookie goes with
    /// same-site requests and top-level navigations. <see cref="SameSiteMode.None"/> (needed when
    /// the page and the API are on different sites) requires <see cref="Secure"/>;
    /// <see cref="SameSiteMode.Unspecified"/> writes no attribute.
    /// </summary>
    public SameSiteMode SameSite { get; set; } = SameSiteMode.Lax;

    /// <summary>
    /// The most characters of name and value in one cookie; a longer token is split into
    /// ASP.NET Core's chunked format. Default <see cref="DefaultChunkSize"/>.
    /// </summary>
    public int ChunkSize { get; set; } = DefaultChunkSize;
}
