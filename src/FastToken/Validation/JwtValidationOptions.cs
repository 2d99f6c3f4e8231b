using FastToken.Keys;

namespace FastToken;

/// <summary>
/// The rules a <see cref="JwtValidator"/> applies. The defaults are the strict ones: issuer
/// and audience are checked, <c>exp</c> is required, and the bounds on size are modest.
/// A validator copies the options when it is created; later changes do not affect it.
/// </summary>
public sealed class JwtValidationOptions
{
    /// <summary>The keys to trust. Required.</summary>
    public IJsonWebKeySource? Keys { get; set; }

    /// <summary>
    /// Accepted issuers (<c>iss</c>), compared ordinally. Required while <see
    /// cref="ValidateIssuer"/> is on.
    /// </summary>
    public IList<string> ValidIssuers { get; set; } = [];

    /// <summary>Whether <c>iss</c> is checked. On by default; turning it off is a deliberate choice.</summary>
    public bool ValidateIssuer { get; set; } = true;

    /// <summary>
    /// Accepted audiences (<c>aud</c>), compared ordinally. Required while <see
    /// cref="ValidateAudience"/> is on.
    /// </summary>
    public IList<string> ValidAudiences { get; set; } = [];

    /// <summary>Whether <c>aud</c> is checked. On by default.</summary>
    public bool ValidateAudience { get; set; } = true;

    /// <summary>Allowed algorithms. Empty allows every supported one; the key still decides which fit.</summary>
    public IList<JwtAlgorithm> Algorithms { get; set; } = [];

    /// <summary>
    /// A required header <c>typ</c>, e.g. <c>at+jwt</c> for RFC 9068 access tokens. Compared
    /// case-insensitively, with or without the <c>application/</c> prefix. <see langword="null"/> checks nothing.
    /// </summary>
    public string? RequiredType { get; set; }

    /// <summary>Tolerance for clocks that disagree, applied to <c>exp</c> and <c>nbf</c>. Default 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock. Inject one in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Whether a token without <c>exp</c> is refused (RFC 8725 recommends lifetimes). On by default.</summary>
    public bool RequireExpirationTime { get; set; } = true;

    /// <summary>The longest token accepted, in bytes. Default 16 KiB.</summary>
    public int MaxTokenLength { get; set; } = 16 * 1024;

    /// <summary>The deepest JSON nesting accepted in header or payload. Default 16, at most 256.</summary>
    public int MaxJsonDepth { get; set; } = 16;

    /// <summary>The most top-level members accepted in the claims set. Default 256.</summary>
    public int MaxClaimCount { get; set; } = 256;

    /// <summary>
    /// How many fitting keys are tried at most for one token: those of the set that fit its
    /// algorithm when it has no <c>kid</c>, or those sharing its <c>kid</c>. Default 3.
    /// </summary>
    public int MaxKeyCandidates { get; set; } = 3;

    /// <summary>The smallest RSA modulus accepted, in bits. Default 2048 (RFC 7518 3.3).</summary>
    public int MinimumRsaKeySizeInBits { get; set; } = 2048;
}
