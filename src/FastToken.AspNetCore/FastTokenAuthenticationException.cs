namespace FastToken.AspNetCore;

/// <summary>
/// Why a FastToken scheme did not authenticate a request that carried a credential. It is
/// reported through <see cref="Microsoft.AspNetCore.Authentication.AuthenticateResult.Failure"/>
/// and the <see cref="FastTokenEvents.OnAuthenticationFailed"/> event, and is never thrown by
/// the handler. Its message is a fixed sentence that never contains token bytes.
/// </summary>
public sealed class FastTokenAuthenticationException : Exception
{
    /// <summary>Creates an exception for an extraction status that is an invalid request.</summary>
    /// <param name="status">The extraction status.</param>
    public FastTokenAuthenticationException(ExtractionStatus status)
        : base(status.GetDescription())
    {
        Failure = FastTokenFailure.InvalidRequest;
        ExtractionStatus = status;
    }

    /// <summary>Creates an exception for a token that failed validation.</summary>
    /// <param name="status">The validation status.</param>
    /// <param name="source">Where the token came from.</param>
    public FastTokenAuthenticationException(TokenStatus status, TokenSource source)
        : base(TokenError.Describe(status))
    {
        Failure = FastTokenFailure.InvalidToken;
        TokenStatus = status;
        TokenSource = source;
    }

    /// <summary>Creates an exception for a token that a token policy refused as invalid.</summary>
    /// <param name="status">The status that stands for the failure.</param>
    /// <param name="source">Where the token came from.</param>
    /// <param name="description">The policy's fixed description of the failure.</param>
    internal FastTokenAuthenticationException(TokenStatus status, TokenSource source, string description)
        : base(description)
    {
        Failure = FastTokenFailure.InvalidToken;
        TokenStatus = status;
        TokenSource = source;
    }

    /// <summary>Creates an exception for a cookie-borne request that the CSRF defence refused.</summary>
    /// <param name="refusal">Why it was refused.</param>
    public FastTokenAuthenticationException(CsrfRefusal refusal)
        : base(refusal.GetDescription())
    {
        Failure = FastTokenFailure.CrossSiteRequestRefused;
        CsrfRefusal = refusal;
        TokenSource = TokenSource.Cookie;
    }

    /// <summary>
    /// Creates an exception for a token that could not be checked because the issuer is unreachable.
    /// </summary>
    /// <param name="source">Where the token came from.</param>
    /// <param name="innerException">Why the validator could not be created.</param>
    public FastTokenAuthenticationException(TokenSource source, Exception innerException)
        : base("The token cannot be checked now: the issuer's keys are unavailable.", innerException)
    {
        Failure = FastTokenFailure.IssuerUnavailable;
        TokenSource = source;
    }

    /// <summary>The kind of failure, which decides the response.</summary>
    public FastTokenFailure Failure { get; }

    /// <summary>For <see cref="FastTokenFailure.InvalidRequest"/>, what was wrong with the request.</summary>
    public ExtractionStatus? ExtractionStatus { get; }

    /// <summary>For <see cref="FastTokenFailure.InvalidToken"/>, why the token is invalid.</summary>
    public TokenStatus? TokenStatus { get; }

    /// <summary>For <see cref="FastTokenFailure.CrossSiteRequestRefused"/>, why the request was refused.</summary>
    public CsrfRefusal CsrfRefusal { get; }

    /// <summary>Where the token came from; <see cref="TokenSource.None"/> when not known.</summary>
    public TokenSource TokenSource { get; }

    /// <summary>The HTTP status that answers this failure: 400, 401, 403 or 503.</summary>
    public int StatusCode => Failure switch
    {
        FastTokenFailure.InvalidRequest => 400,
        FastTokenFailure.CrossSiteRequestRefused => 403,
        FastTokenFailure.IssuerUnavailable => 503,
        _ => 401,
    };

    /// <summary>
    /// The RFC 6750 error code for the <c>WWW-Authenticate</c> challenge, or
    /// <see langword="null"/> for a CSRF refusal or an unreachable issuer, which are not token errors.
    /// </summary>
    public string? ErrorCode => Failure switch
    {
        FastTokenFailure.InvalidRequest => TokenError.InvalidRequest,
        FastTokenFailure.InvalidToken => TokenError.InvalidToken,
        _ => null,
    };
}
