namespace FastToken;

/// <summary>
/// The outcome of looking for an access token in a request. Each value is either
/// <see cref="Found"/>, a not-found reason (answer 401 with a bare <c>WWW-Authenticate: Bearer</c>
/// challenge, RFC 6750 §3.1) or an <c>invalid_request</c> reason (answer 400).
/// <see cref="ExtractionStatusExtensions"/> classifies and describes every value.
/// </summary>
public enum ExtractionStatus
{
    /// <summary>A token was found.</summary>
    Found = 0,

    /// <summary>
    /// Not found: no <c>Authorization</c> field with the <c>Bearer</c> scheme, no token cookie,
    /// or a token cookie with an empty value.
    /// </summary>
    NotFound,

    /// <summary>
    /// Not found: the token cookie announces chunks (<c>chunks-N</c>) but N is not a decimal
    /// number of at least 1.
    /// </summary>
    InvalidCookieChunkCount,

    /// <summary>Not found: the token cookie announces more chunks than the configured bound.</summary>
    TooManyCookieChunks,

    /// <summary>Not found: a chunk that the token cookie announces is absent or empty.</summary>
    CookieChunkMissing,

    /// <summary>Not found: the chunks of the token cookie add up to more than the configured bound.</summary>
    CookieChunksTooLong,

    /// <summary>Invalid request: the <c>Bearer</c> scheme is followed by no token.</summary>
    EmptyBearerToken,

    /// <summary>
    /// Invalid request: the <c>Bearer</c> credentials are not a b64token (RFC 6750 §2.1), for
    /// example because they contain a comma, a tab, a second space-separated part or non-ASCII text.
    /// </summary>
    InvalidTokenCharacters,

    /// <summary>Invalid request: the request has more than one <c>Authorization</c> field.</summary>
    MultipleAuthorizationHeaders,

    /// <summary>
    /// Invalid request: the token cookie holds a value that is not a b64token, such as a
    /// percent-encoded or otherwise mangled token.
    /// </summary>
    InvalidCookieTokenCharacters,

    /// <summary>Invalid request: the <c>Authorization</c> field and the cookie carry different tokens.</summary>
    ConflictingTokens,
}
