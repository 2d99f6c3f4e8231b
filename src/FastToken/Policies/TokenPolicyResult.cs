using System.ComponentModel;

namespace FastToken.Policies;

/// <summary>
/// The outcome of validating a token under a policy: the token's status, which requirement
/// failed if any, and the validation result whose claims stay readable until this is disposed.
/// </summary>
/// <remarks>
/// A token that is valid but lacks a permission keeps its claims, so that a server can log who
/// was refused; an invalid token has none. The default instance is not authorized.
/// </remarks>
public readonly struct TokenPolicyResult : IDisposable
{
    private readonly JwtValidationResult _token;
    private readonly bool _authorized;

    private TokenPolicyResult(
        JwtValidationResult token,
        TokenStatus status,
        PolicyFailure failure,
        string? requirement)
    {
        _token = token;
        _authorized = failure == PolicyFailure.None;
        Status = status;
        Failure = failure;
        Requirement = requirement;
    }

    /// <summary>
    /// The token's status: <see cref="TokenStatus.Valid"/> unless the validator or the policy's
    /// token rules (issuer, audience, algorithm, type, lifetime) refused it.
    /// </summary>
    public TokenStatus Status { get; }

    /// <summary>Which requirement failed; <see cref="PolicyFailure.None"/> when the policy is satisfied.</summary>
    public PolicyFailure Failure { get; }

    /// <summary>
    /// What the failed requirement asked for, fixed by the policy and never read from the token:
    /// the space-delimited scopes or roles, or the claim name. <see langword="null"/> otherwise.
    /// </summary>
    public string? Requirement { get; }

    /// <summary>Whether the token is valid and satisfies every requirement.</summary>
    public bool IsAuthorized => _authorized;

    /// <summary>Whether the token is valid but lacks a permission: answer 403, not 401 (RFC 6750 3.1).</summary>
    public bool IsForbidden => Failure is PolicyFailure.Scope or PolicyFailure.Role or PolicyFailure.ClaimValue;

    /// <summary>
    /// The scopes the policy requires, for the <c>scope</c> attribute of a 403 challenge; else
    /// <see langword="null"/>.
    /// </summary>
    public string? RequiredScope => Failure == PolicyFailure.Scope ? Requirement : null;

    /// <summary>
    /// The validation result. Its claims are readable while <see cref="Status"/> is
    /// <see cref="TokenStatus.Valid"/>, until this result is disposed.
    /// </summary>
    public JwtValidationResult Token => _token;

    /// <summary>The RFC 6750 error to answer a refused token with.</summary>
    /// <exception cref="InvalidOperationException">The token is authorized, so there is no error.</exception>
    public TokenError Error
    {
        get
        {
            if (_authorized)
            {
                ThrowAuthorized();
            }

            // RFC 6750 3.1: an invalid token is 401 invalid_token; a missing permission is 403.
            return Failure switch
            {
                PolicyFailure.TokenAge => new(TokenError.InvalidToken, 401, "The token is too old for this resource."),
                PolicyFailure.Scope => Forbidden("The token lacks a required scope."),
                PolicyFailure.Role => Forbidden("The token lacks a required role."),
                PolicyFailure.ClaimValue => Forbidden("The token lacks a required claim value."),
                _ => TokenError.For(Status == TokenStatus.Valid ? TokenStatus.Malformed : Status),
            };
        }
    }

    /// <summary>A policy was satisfied. For generated policies and <see cref="TokenPolicy"/>.</summary>
    /// <param name="token">A valid result.</param>
    /// <returns>The outcome, which owns <paramref name="token"/>.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static TokenPolicyResult Authorized(JwtValidationResult token) =>
        new(token, TokenStatus.Valid, PolicyFailure.None, null);

    /// <summary>The token is invalid. Its pooled buffer is returned at once.</summary>
    /// <param name="token">The result of validation.</param>
    /// <param name="status">
    /// Why the token is invalid; <paramref name="token"/>'s own status when it is not valid.
    /// </param>
    /// <returns>The outcome, without claims.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static TokenPolicyResult Invalid(JwtValidationResult token, TokenStatus status)
    {
        if (!token.IsValid)
        {
            return new(token, token.Status, PolicyFailure.InvalidToken, null);
        }

        token.Dispose();
        return new(new JwtValidationResult(status), status, PolicyFailure.InvalidToken, null);
    }

    /// <summary>A valid token failed a requirement; its claims stay readable.</summary>
    /// <param name="token">A valid result.</param>
    /// <param name="failure">The failed requirement's kind.</param>
    /// <param name="requirement">What it asked for, as <see cref="Requirement"/> reports it.</param>
    /// <returns>The outcome, which owns <paramref name="token"/>.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static TokenPolicyResult Denied(JwtValidationResult token, PolicyFailure failure, string? requirement) =>
        new(token, TokenStatus.Valid, failure, requirement);

    /// <summary>Builds the <c>WWW-Authenticate</c> challenge for a refused token (RFC 6750 3).</summary>
    /// <param name="realm">The realm, or <see langword="null"/>.</param>
    /// <returns>The header value; it never contains token bytes.</returns>
    /// <exception cref="InvalidOperationException">The token is authorized.</exception>
    public string GetChallenge(string? realm = null) => TokenError.WwwAuthenticate(realm, Error, RequiredScope);

    /// <summary>Returns the pooled buffer; claim views read from this result become invalid.</summary>
    public void Dispose() => _token.Dispose();

    private static TokenError Forbidden(string description) =>
        new(TokenError.InsufficientScope, 403, description);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowAuthorized() =>
        throw new InvalidOperationException("The token is authorized; there is no error to report.");
}
