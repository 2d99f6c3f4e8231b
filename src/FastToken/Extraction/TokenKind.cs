namespace FastToken;

/// <summary>
/// The shape of an extracted token, as told by <see cref="BearerToken.Classify(ReadOnlySpan{char})"/>.
/// </summary>
public enum TokenKind
{
    /// <summary>Anything that does not look like a JWS in compact serialization.</summary>
    Opaque = 0,

    /// <summary>
    /// Looks like a JWS in compact serialization (RFC 7515 §7.1) whose header is a JSON object.
    /// The shape is checked, not the content: the token may still fail validation.
    /// </summary>
    Jwt,
}
