namespace FastToken;

/// <summary>
/// The outcome of extracting or validating a token. Every untrusted input ends in one of
/// these values; none of them is reported by an exception.
/// </summary>
public enum TokenStatus
{
    /// <summary>The token is valid.</summary>
    Valid = 0,

    /// <summary>The token is not well-formed (segments, base64url, JSON or UTF-8).</summary>
    Malformed,

    /// <summary>The token, its JSON nesting or its member count exceeds a configured bound.</summary>
    TooLarge,

    /// <summary>The signature verifies but the payload is not a JSON object, so it is no JWT.</summary>
    NotJwt,

    /// <summary>
    /// The JOSE header misses <c>alg</c>, has a member of the wrong type, or asks for an
    /// unsupported form.
    /// </summary>
    HeaderInvalid,

    /// <summary>The algorithm is <c>none</c>, unknown, not allowed, or does not fit the key.</summary>
    AlgorithmNotAllowed,

    /// <summary>The header lists a critical extension (<c>crit</c>) that is empty or not understood.</summary>
    CriticalHeaderUnsupported,

    /// <summary>The header or the claims set repeats a member name.</summary>
    DuplicateMember,

    /// <summary>No configured key fits the token's <c>kid</c> and algorithm.</summary>
    KeyNotFound,

    /// <summary>The selected key is shorter than the algorithm requires.</summary>
    KeyTooShort,

    /// <summary>The signature does not verify.</summary>
    SignatureInvalid,

    /// <summary>A claim that the rules require is absent.</summary>
    ClaimMissing,

    /// <summary>A registered claim has the wrong JSON type or an unusable value.</summary>
    ClaimInvalid,

    /// <summary>The token has expired (<c>exp</c>).</summary>
    Expired,

    /// <summary>The token is not valid yet (<c>nbf</c>).</summary>
    NotYetValid,

    /// <summary>The issuer (<c>iss</c>) is not accepted.</summary>
    IssuerInvalid,

    /// <summary>No audience (<c>aud</c>) is accepted.</summary>
    AudienceInvalid,

    /// <summary>The header's <c>typ</c> does not match the required type.</summary>
    TypeInvalid,

    /// <summary>An opaque token is unknown to the store, or was revoked.</summary>
    UnknownToken,
}
