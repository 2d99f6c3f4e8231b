namespace FastToken.Policies;

/// <summary>
/// Why a token policy refused a token. An invalid token (401 <c>invalid_token</c>) is told apart
/// from a valid token that lacks a permission (403 <c>insufficient_scope</c>, RFC 6750 3.1).
/// </summary>
public enum PolicyFailure
{
    /// <summary>The policy is satisfied.</summary>
    None = 0,

    /// <summary>The token is invalid; <see cref="TokenPolicyResult.Status"/> says why. Answer 401.</summary>
    InvalidToken,

    /// <summary>
    /// The token lacks <c>iat</c>, is older than the policy's maximum age, or was issued in the
    /// future. Answer 401.
    /// </summary>
    TokenAge,

    /// <summary>The token lacks a required scope. Answer 403 <c>insufficient_scope</c>.</summary>
    Scope,

    /// <summary>The token lacks a required role. Answer 403.</summary>
    Role,

    /// <summary>A required claim is absent or holds another value. Answer 403.</summary>
    ClaimValue,
}
