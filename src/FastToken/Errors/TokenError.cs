using System.Text;

namespace FastToken;

/// <summary>
/// What a failed token means to an HTTP client, per RFC 6750 section 3: the error code, the
/// HTTP status and a fixed description. Descriptions never contain token bytes.
/// </summary>
/// <param name="Code">
/// The RFC 6750 error code: <c>invalid_request</c>, <c>invalid_token</c> or
/// <c>insufficient_scope</c>.
/// </param>
/// <param name="HttpStatus">The HTTP status: 400, 401 or 403.</param>
/// <param name="Description">A fixed, human-readable description, safe to send.</param>
public readonly record struct TokenError(string Code, int HttpStatus, string Description)
{
    /// <summary>RFC 6750 3.1: the request is malformed or ambiguous (HTTP 400).</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>RFC 6750 3.1: the token is expired, revoked, malformed or otherwise invalid (HTTP 401).</summary>
    public const string InvalidToken = "invalid_token";

    /// <summary>RFC 6750 3.1: the token lacks the privileges the request needs (HTTP 403).</summary>
    public const string InsufficientScope = "insufficient_scope";

    /// <summary>Maps a validation status to its RFC 6750 error.</summary>
    /// <param name="status">A status other than <see cref="TokenStatus.Valid"/>.</param>
    /// <returns>The error.</returns>
    public static TokenError For(TokenStatus status) => new(InvalidToken, 401, Describe(status));

    /// <summary>A fixed description of a status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The description; it never contains token bytes.</returns>
    public static string Describe(TokenStatus status) => status switch
    {
        TokenStatus.Valid => "The token is valid.",
        TokenStatus.Malformed => "The token is malformed.",
        TokenStatus.TooLarge => "The token is too large.",
        TokenStatus.NotJwt => "The token payload is not a JSON object.",
        TokenStatus.HeaderInvalid => "The token header is invalid.",
        TokenStatus.AlgorithmNotAllowed => "The token algorithm is not allowed.",
        TokenStatus.CriticalHeaderUnsupported => "The token has an unsupported critical header.",
        TokenStatus.DuplicateMember => "The token repeats a member name.",
        TokenStatus.KeyNotFound => "The token signing key is unknown.",
        TokenStatus.KeyTooShort => "The token signing key is too short.",
        TokenStatus.SignatureInvalid => "The token signature is invalid.",
        TokenStatus.ClaimMissing => "The token lacks a required claim.",
        TokenStatus.ClaimInvalid => "The token has a claim of the wrong type.",
        TokenStatus.Expired => "The token expired.",
        TokenStatus.NotYetValid => "The token is not valid yet.",
        TokenStatus.IssuerInvalid => "The token issuer is not accepted.",
        TokenStatus.AudienceInvalid => "The token audience is not accepted.",
        TokenStatus.TypeInvalid => "The token type is not accepted.",
        TokenStatus.UnknownToken => "The token is unknown or revoked.",
        _ => "The token is invalid.",
    };

    /// <summary>The status in kebab-case, as the CLI and logs print it, e.g. <c>signature-invalid</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The kebab-case name.</returns>
    public static string ToKebabCase(TokenStatus status) => KebabCase.From(status);

    /// <summary>
    /// Builds a <c>WWW-Authenticate</c> value: <c>Bearer</c> with optional realm, error,
    /// description and scope (RFC 6750 3). Quotes and backslashes are escaped, and characters
    /// RFC 6750 forbids in these values are replaced, so the header can never be split.
    /// </summary>
    /// <param name="realm">The realm, or <see langword="null"/>.</param>
    /// <param name="error">The error, or <see langword="null"/> for a bare challenge (no credentials sent).</param>
    /// <param name="scope">The scope the request needs, for <c>insufficient_scope</c>.</param>
    /// <returns>The header value.</returns>
    public static string WwwAuthenticate(string? realm, TokenError? error, string? scope = null)
    {
        StringBuilder builder = new("Bearer");
        string separator = " ";
        void Append(string name, string value)
        {
            builder.Append(separator).Append(name).Append("=\"");
            foreach (char c in value)
            {
                // RFC 6750 3: %x20-21 / %x23-5B / %x5D-7E, and quoted-pair for '"' and '\'.
                if (c is '"' or '\\')
                {
                    builder.Append('\\').Append(c);
                }
                else
                {
                    builder.Append(c is >= ' ' and <= '~' ? c : '?');
                }
            }

            builder.Append('"');
            separator = ", ";
        }

        if (realm is not null)
        {
            Append("realm", realm);
        }

        if (error is { } e)
        {
            Append("error", e.Code);
            Append("error_description", e.Description);
        }

        if (scope is not null)
        {
            Append("scope", scope);
        }

        return builder.ToString();
    }
}
