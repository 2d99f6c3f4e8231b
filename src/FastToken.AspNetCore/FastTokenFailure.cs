namespace FastToken.AspNetCore;

/// <summary>What kind of failure stopped a request from being authenticated.</summary>
public enum FastTokenFailure
{
    /// <summary>
    /// The request is malformed or ambiguous, for example two <c>Authorization</c> fields or a
    /// header and a cookie with different tokens: 400 with <c>error="invalid_request"</c>
    /// (RFC 6750 §3.1).
    /// </summary>
    InvalidRequest = 1,

    /// <summary>
    /// The token is invalid: expired, badly signed, for another audience and so on: 401 with
    /// <c>error="invalid_token"</c> (RFC 6750 §3.1).
    /// </summary>
    InvalidToken,

    /// <summary>
    /// The token came from a cookie on an unsafe request that failed the CSRF defence: 403,
    /// with the reason.
    /// </summary>
    CrossSiteRequestRefused,

    /// <summary>
    /// The token could not be checked because the issuer's discovery document or keys could not
    /// be fetched: 503 with <c>Retry-After</c>. The client's token may well be valid.
    /// </summary>
    IssuerUnavailable,
}
