using FastToken.Keys;
using Microsoft.AspNetCore.Authentication;

namespace FastToken.AspNetCore;

/// <summary>
/// Settings of a FastToken authentication scheme. They bind from the configuration section
/// <c>Authentication:Schemes:{scheme}</c> and from the delegate given to <c>AddFastToken</c>
/// (see <see cref="Microsoft.Extensions.DependencyInjection.FastTokenAuthenticationExtensions"/>),
/// which runs after the binding.
/// </summary>
/// <remarks>
/// The keys come from exactly one place: <see cref="Validator"/> (a validator built by the
/// application, which then owns every validation rule), <see cref="Authority"/> (OpenID
/// discovery), <see cref="SigningKeys"/>, <see cref="SigningKeysJson"/> or
/// <see cref="SigningKeysFile"/>. A scheme that names none, or more than one, fails when it is
/// first used, with a message that says which settings clash.
/// </remarks>
public sealed class FastTokenOptions : AuthenticationSchemeOptions
{
    /// <summary>Creates options with the defaults and a fresh <see cref="FastTokenEvents"/>.</summary>
    public FastTokenOptions()
    {
        Events = new FastTokenEvents();
    }

    /// <summary>
    /// The issuer's address, for example <c>https://login.example.com/tenant</c>. Its OpenID
    /// discovery document names the issuer (which becomes the accepted <c>iss</c> unless
    /// <see cref="Issuers"/> is set) and the JWK Set, whose keys are refreshed as the issuer
    /// rotates them. Discovery runs when the first request with a token arrives; while the
    /// issuer cannot be reached, requests with a token are answered 503 with <c>Retry-After</c>.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>
    /// Whether the discovery document and the JWK Set must be fetched over https. On by
    /// default; loopback addresses are allowed over http either way, for development.
    /// </summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// The client that fetches the discovery document and the keys; <see langword="null"/> uses
    /// a shared one. It is not disposed by the scheme.
    /// </summary>
    public HttpClient? Backchannel { get; set; }

    /// <summary>
    /// One accepted audience (<c>aud</c>), added to <see cref="Audiences"/>; the common case
    /// of an API that is its own audience.
    /// </summary>
    public string? Audience { get; set; }

    /// <summary>Accepted audiences (<c>aud</c>), compared ordinally.</summary>
    public IList<string> Audiences { get; set; } = [];

    /// <summary>
    /// Accepted issuers (<c>iss</c>), compared ordinally. With <see cref="Authority"/> and no
    /// issuer listed here, the issuer named by discovery is the only one accepted.
    /// </summary>
    public IList<string> Issuers { get; set; } = [];

    /// <summary>Whether <c>iss</c> is checked. On by default; turning it off is a deliberate choice.</summary>
    public bool ValidateIssuer { get; set; } = true;

    /// <summary>Whether <c>aud</c> is checked. On by default; turning it off is a deliberate choice.</summary>
    public bool ValidateAudience { get; set; } = true;

    /// <summary>
    /// The algorithms accepted. Empty accepts every algorithm FastToken supports that fits the
    /// key; naming the one the issuer uses is better (RFC 8725 §3.1).
    /// </summary>
    public IList<JwtAlgorithm> Algorithms { get; set; } = [];

    /// <summary>
    /// A required header <c>typ</c>, such as <c>at+jwt</c> for RFC 9068 access tokens;
    /// <see langword="null"/> checks nothing.
    /// </summary>
    public string? RequiredType { get; set; }

    /// <summary>
    /// The tolerance for clocks that disagree, applied to <c>exp</c> and <c>nbf</c>. Default 30 seconds.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether a token without <c>exp</c> is refused. On by default.</summary>
    public bool RequireExpirationTime { get; set; } = true;

    /// <summary>
    /// The longest token accepted, in characters, from the header or an assembled cookie. Default 16 KiB.
    /// </summary>
    public int MaxTokenLength { get; set; } = TokenExtractionOptions.DefaultMaxTokenLength;

    /// <summary>
    /// Where the token is read. The default is the <c>Authorization</c> header only; a cookie
    /// source turns on the CSRF defence in <see cref="Csrf"/> for requests authenticated by
    /// the cookie.
    /// </summary>
    public TokenSources TokenSources { get; set; } = TokenSources.AuthorizationHeader;

    /// <summary>The name of the cookie that carries the token. Default <c>access_token</c>.</summary>
    public string CookieName { get; set; } = TokenExtractionOptions.DefaultCookieName;

    /// <summary>
    /// The most chunks accepted for a cookie in ASP.NET Core's chunked format; 0 refuses
    /// chunked cookies. Default 16.
    /// </summary>
    public int MaxCookieChunks { get; set; } = TokenExtractionOptions.DefaultMaxChunks;

    /// <summary>The keys to trust, as built by the application.</summary>
    public IJsonWebKeySource? SigningKeys { get; set; }

    /// <summary>The keys to trust, as the JSON text of a JWK or a JWK Set (public keys).</summary>
    public string? SigningKeysJson { get; set; }

    /// <summary>The keys to trust, as the path of a file holding a JWK or a JWK Set.</summary>
    public string? SigningKeysFile { get; set; }

    /// <summary>
    /// A validator built by the application. When set, it decides every validation rule and
    /// the key, issuer, audience, algorithm, type, skew and length settings here are not used.
    /// </summary>
    public JwtValidator? Validator { get; set; }

    /// <summary>
    /// The realm sent in <c>WWW-Authenticate</c> challenges (RFC 6750 §3); <see langword="null"/> for none.
    /// </summary>
    public string? Realm { get; set; }

    /// <summary>
    /// The claim that names the user for <see cref="System.Security.Claims.ClaimsIdentity.Name"/>.
    /// Default <c>sub</c>.
    /// </summary>
    public string NameClaimType { get; set; } = "sub";

    /// <summary>
    /// The claim that lists roles for <see cref="System.Security.Claims.ClaimsPrincipal.IsInRole(string)"/>.
    /// Default <c>roles</c>.
    /// </summary>
    public string RoleClaimType { get; set; } = "roles";

    /// <summary>
    /// The defence against cross-site request forgery for requests whose token came from a
    /// cookie. A token from the <c>Authorization</c> header needs none: a browser never adds
    /// that header on its own.
    /// </summary>
    public FastTokenCsrfOptions Csrf { get; set; } = new();

    /// <summary>The handlers called at each step of authentication; see <see cref="FastTokenEvents"/>.</summary>
    public new FastTokenEvents Events
    {
        get => (FastTokenEvents)base.Events!;
        set => base.Events = value;
    }

    /// <summary>What <see cref="FastTokenPostConfigureOptions"/> built from these settings.</summary>
    internal FastTokenRuntime? Runtime { get; set; }
}
