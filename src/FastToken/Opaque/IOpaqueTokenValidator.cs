namespace FastToken.Opaque;

/// <summary>
/// Validates opaque (reference) access tokens: strings that carry no claims themselves and
/// mean something only to the party that issued them (RFC 6750 1.3, RFC 6749 1.4).
/// </summary>
/// <remarks>
/// Implementations must not throw on any input and should not allocate per lookup; every
/// outcome is a <see cref="TokenStatus"/>. <see cref="InMemoryReferenceTokenStore"/> is the
/// reference implementation.
/// </remarks>
public interface IOpaqueTokenValidator
{
    /// <summary>Validates a token given as bytes.</summary>
    /// <param name="token">The token, as it arrived after the <c>Bearer</c> scheme.</param>
    /// <returns>
    /// The result: <see cref="TokenStatus.Valid"/> with the token's principal data, or
    /// <see cref="TokenStatus.UnknownToken"/>, <see cref="TokenStatus.Expired"/>,
    /// <see cref="TokenStatus.TooLarge"/> or <see cref="TokenStatus.Malformed"/>.
    /// </returns>
    OpaqueTokenResult Validate(ReadOnlySpan<byte> token);

    /// <summary>Validates a token given as characters, as hosting layers hand them.</summary>
    /// <param name="token">The token.</param>
    /// <returns>The result, as for the byte overload.</returns>
    OpaqueTokenResult Validate(ReadOnlySpan<char> token);
}
