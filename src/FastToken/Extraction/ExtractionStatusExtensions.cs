namespace FastToken;

/// <summary>
/// Classifies and describes <see cref="ExtractionStatus"/> values.
/// </summary>
public static class ExtractionStatusExtensions
{
    /// <summary>Whether <paramref name="status"/> is <see cref="ExtractionStatus.Found"/>.</summary>
    /// <param name="status">The status to classify.</param>
    /// <returns><see langword="true"/> only for <see cref="ExtractionStatus.Found"/>.</returns>
    public static bool IsFound(this ExtractionStatus status) => status == ExtractionStatus.Found;

    /// <summary>
    /// Whether <paramref name="status"/> means the request carries no usable token. The server
    /// should answer 401 with a <c>WWW-Authenticate: Bearer</c> challenge that has no error code
    /// (RFC 6750 §3.1), or let the request through anonymously where that is allowed.
    /// </summary>
    /// <param name="status">The status to classify.</param>
    /// <returns>
    /// <see langword="true"/> for <see cref="ExtractionStatus.NotFound"/> and the cookie chunk
    /// reasons; <see langword="false"/> for <see cref="ExtractionStatus.Found"/>, every
    /// invalid-request reason and any undefined value.
    /// </returns>
    public static bool IsNotFound(this ExtractionStatus status) => status switch
    {
        ExtractionStatus.NotFound
            or ExtractionStatus.InvalidCookieChunkCount
            or ExtractionStatus.TooManyCookieChunks
            or ExtractionStatus.CookieChunkMissing
            or ExtractionStatus.CookieChunksTooLong => true,
        _ => false,
    };

    /// <summary>
    /// Whether <paramref name="status"/> is an RFC 6750 §3.1 <c>invalid_request</c>: the server
    /// should answer 400 with <c>error="invalid_request"</c>.
    /// </summary>
    /// <param name="status">The status to classify.</param>
    /// <returns>
    /// <see langword="true"/> for the malformed-request reasons; <see langword="false"/> for
    /// <see cref="ExtractionStatus.Found"/>, every not-found reason and any undefined value.
    /// </returns>
    public static bool IsInvalidRequest(this ExtractionStatus status) => status switch
    {
        ExtractionStatus.EmptyBearerToken
            or ExtractionStatus.InvalidTokenCharacters
            or ExtractionStatus.MultipleAuthorizationHeaders
            or ExtractionStatus.InvalidCookieTokenCharacters
            or ExtractionStatus.ConflictingTokens => true,
        _ => false,
    };

    /// <summary>
    /// A fixed English sentence that describes <paramref name="status"/> for logs and diagnostics.
    /// It never contains any part of the request, so it is safe to log and to return to a client.
    /// </summary>
    /// <param name="status">The status to describe.</param>
    /// <returns>A constant string; an undefined value gets a generic sentence.</returns>
    public static string GetDescription(this ExtractionStatus status) => status switch
    {
        ExtractionStatus.Found => "A token was found.",
        ExtractionStatus.NotFound => "The request carries no bearer token.",
        ExtractionStatus.InvalidCookieChunkCount =>
            "The token cookie announces chunks but does not give a valid chunk count.",
        ExtractionStatus.TooManyCookieChunks =>
            "The token cookie announces more chunks than allowed.",
        ExtractionStatus.CookieChunkMissing =>
            "A chunk of the token cookie is missing or empty.",
        ExtractionStatus.CookieChunksTooLong =>
            "The chunks of the token cookie are longer than allowed.",
        ExtractionStatus.EmptyBearerToken =>
            "The Authorization header has the Bearer scheme but no token.",
        ExtractionStatus.InvalidTokenCharacters =>
            "The bearer token in the Authorization header has characters that are not allowed.",
        ExtractionStatus.MultipleAuthorizationHeaders =>
            "The request has more than one Authorization header.",
        ExtractionStatus.InvalidCookieTokenCharacters =>
            "The token cookie contains characters that are not allowed in a bearer token.",
        ExtractionStatus.ConflictingTokens =>
            "The Authorization header and the token cookie carry different tokens.",
        _ => "Unknown extraction status.",
    };
}
