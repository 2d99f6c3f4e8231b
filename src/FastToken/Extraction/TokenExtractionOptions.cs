namespace FastToken;

/// <summary>
/// Settings for a <see cref="TokenExtractor"/>. The extractor copies them when it is built,
/// so changing an options object afterwards does not change an existing extractor.
/// </summary>
public sealed class TokenExtractionOptions
{
    /// <summary>The default cookie name, <c>access_token</c>.</summary>
    public const string DefaultCookieName = "access_token";

    /// <summary>The default bound on the chunk count of a chunked cookie, 16.</summary>
    public const int DefaultMaxChunks = 16;

    /// <summary>The default bound on the length of an assembled chunked cookie, 16 KiB.</summary>
    public const int DefaultMaxTokenLength = 16 * 1024;

    /// <summary>
    /// Which parts of the request are read, and in which order. The default is
    /// <see cref="TokenSources.AuthorizationHeader"/>: cookies are only read when asked for,
    /// because a token in a cookie needs a CSRF defence (see <see cref="TokenSources"/>).
    /// </summary>
    public TokenSources Sources { get; set; } = TokenSources.AuthorizationHeader;

    /// <summary>
    /// The name of the cookie that holds the token, compared exactly. It must be an RFC 9110
    /// token (ASCII letters, digits and <c>!#$%&amp;'*+-.^_`|~</c>).
    /// </summary>
    public string CookieName { get; set; } = DefaultCookieName;

    /// <summary>
    /// The largest chunk count accepted for a chunked cookie; a cookie that announces more is
    /// reported as <see cref="ExtractionStatus.TooManyCookieChunks"/>. 0 refuses chunked cookies.
    /// </summary>
    public int MaxChunks { get; set; } = DefaultMaxChunks;

    /// <summary>
    /// The longest chunked cookie that is assembled, in characters (or bytes for raw input:
    /// the same count for any token, which is ASCII). A longer one is reported as
    /// <see cref="ExtractionStatus.CookieChunksTooLong"/>. It is also the size of the chunk
    /// buffer that callers must supply when chunked cookies can be read.
    /// </summary>
    public int MaxTokenLength { get; set; } = DefaultMaxTokenLength;
}
