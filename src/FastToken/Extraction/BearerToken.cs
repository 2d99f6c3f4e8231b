using System.Numerics;

namespace FastToken;

/// <summary>
/// Reads the token out of an <c>Authorization</c> field value with the <c>Bearer</c> scheme
/// (RFC 6750 §2.1) and tells a JWT from an opaque token. Nothing here allocates: a token is
/// returned as a slice of the input.
/// </summary>
public static class BearerToken
{
    private const string SchemeUtf16 = "Bearer";

    private const string JsonObjectStartUtf16 = "eyJ";

    private static ReadOnlySpan<byte> SchemeUtf8 => "Bearer"u8;

    // base64url of the two bytes '{"', the start of every JOSE header in practice.
    private static ReadOnlySpan<byte> JsonObjectStartUtf8 => "eyJ"u8;

    /// <summary>
    /// Reads the bearer token from one <c>Authorization</c> field value.
    /// </summary>
    /// <param name="fieldValue">
    /// The field value, for example <c>Bearer mF_9.B5f-4.1JqM</c>. Whitespace around it is ignored.
    /// </param>
    /// <param name="token">
    /// On <see cref="ExtractionStatus.Found"/>, the token as a slice of <paramref name="fieldValue"/>;
    /// otherwise empty.
    /// </param>
    /// <returns>
    /// <see cref="ExtractionStatus.Found"/>; <see cref="ExtractionStatus.NotFound"/> when the
    /// value is empty or uses another scheme (the scheme is matched ignoring ASCII case);
    /// <see cref="ExtractionStatus.EmptyBearerToken"/> when <c>Bearer</c> has nothing after it;
    /// <see cref="ExtractionStatus.InvalidTokenCharacters"/> when what follows is not
    /// one or more spaces and a b64token.
    /// </returns>
    public static ExtractionStatus TryParse(
        ReadOnlySpan<char> fieldValue,
        out ReadOnlySpan<char> token)
        => Parse(fieldValue, out token);

    /// <summary>
    /// Reads the bearer token from one raw <c>Authorization</c> field value.
    /// </summary>
    /// <param name="fieldValue">
    /// The field value bytes as received. Whitespace around it is ignored.
    /// </param>
    /// <param name="token">
    /// On <see cref="ExtractionStatus.Found"/>, the token as a slice of <paramref name="fieldValue"/>;
    /// otherwise empty.
    /// </param>
    /// <returns>
    /// The same statuses as <see cref="TryParse(ReadOnlySpan{char}, out ReadOnlySpan{char})"/>.
    /// </returns>
    public static ExtractionStatus TryParse(
        ReadOnlySpan<byte> fieldValue,
        out ReadOnlySpan<byte> token)
        => Parse(fieldValue, out token);

    /// <summary>
    /// Tells a JWS in compact serialization from an opaque token, by shape only.
    /// </summary>
    /// <remarks>
    /// A token is <see cref="TokenKind.Jwt"/> when it has exactly two dots, its three segments
    /// are non-empty base64url, and the first starts with <c>eyJ</c>, which is how <c>{"</c>
    /// encodes. Everything else is <see cref="TokenKind.Opaque"/>: a JWE (four dots), an
    /// unsecured JWT (empty third segment), a header that begins with whitespace before its
    /// first member, and any reference token. The check is a few vectorized scans; it decides
    /// which validator to try, not whether the token is valid.
    /// </remarks>
    /// <param name="token">An extracted token.</param>
    /// <returns><see cref="TokenKind.Jwt"/> or <see cref="TokenKind.Opaque"/>.</returns>
    public static TokenKind Classify(ReadOnlySpan<char> token) => Classify<char>(token);

    /// <summary>
    /// Tells a JWS in compact serialization from an opaque token, by shape only.
    /// </summary>
    /// <remarks>The rules are those of <see cref="Classify(ReadOnlySpan{char})"/>.</remarks>
    /// <param name="token">An extracted token as bytes.</param>
    /// <returns><see cref="TokenKind.Jwt"/> or <see cref="TokenKind.Opaque"/>.</returns>
    public static TokenKind Classify(ReadOnlySpan<byte> token) => Classify<byte>(token);

    internal static ExtractionStatus Parse<T>(ReadOnlySpan<T> fieldValue, out ReadOnlySpan<T> token)
        where T : unmanaged, IBinaryInteger<T>
    {
        token = default;

        // RFC 9112 §5: the whitespace around a field value is not part of it.
        ReadOnlySpan<T> value = HttpSyntax.TrimWhitespace(fieldValue);

        // RFC 9110 §11.1: the scheme is a case-insensitive token ending at the first whitespace.
        // Another scheme is no error, just not ours.
        int schemeEnd = value.IndexOfAny(HttpSyntax.Unit<T>(' '), HttpSyntax.Unit<T>('\t'));
        ReadOnlySpan<T> scheme = schemeEnd < 0 ? value : value[..schemeEnd];
        ReadOnlySpan<T> bearer = HttpSyntax.Literal<T>(SchemeUtf16, SchemeUtf8);
        if (!HttpSyntax.EqualsIgnoreAsciiCase(scheme, bearer))
        {
            return ExtractionStatus.NotFound;
        }

        if (schemeEnd < 0)
        {
            return ExtractionStatus.EmptyBearerToken;
        }

        // RFC 6750 §2.1: "Bearer" 1*SP b64token. Only spaces separate; a tab stays in the
        // candidate and fails the alphabet check below. The value was trimmed, so something
        // other than a space follows; the guard only keeps that reasoning out of the indexing.
        ReadOnlySpan<T> credentials = value[schemeEnd..];
        int credentialsStart = credentials.IndexOfAnyExcept(HttpSyntax.Unit<T>(' '));
        if (credentialsStart < 0)
        {
            return ExtractionStatus.EmptyBearerToken;
        }

        credentials = credentials[credentialsStart..];

        // A comma (a second credential or a folded list), a space inside or any other
        // character outside the alphabet makes the request malformed, never a shorter token.
        if (!HttpSyntax.IsB64Token(credentials))
        {
            return ExtractionStatus.InvalidTokenCharacters;
        }

        token = credentials;
        return ExtractionStatus.Found;
    }

    private static TokenKind Classify<T>(ReadOnlySpan<T> token)
        where T : unmanaged, IBinaryInteger<T>
    {
        T dot = HttpSyntax.Unit<T>('.');

        if (token.Count(dot) != 2 || !HttpSyntax.IsCompactJwsAlphabet(token))
        {
            return TokenKind.Opaque;
        }

        // The header must begin like a JSON object ('{"' encodes as "eyJ"), so it is not empty.
        ReadOnlySpan<T> objectStart =
            HttpSyntax.Literal<T>(JsonObjectStartUtf16, JsonObjectStartUtf8);
        if (!token.StartsWith(objectStart))
        {
            return TokenKind.Opaque;
        }

        int firstDot = token.IndexOf(dot);
        int lastDot = token.LastIndexOf(dot);
        bool payloadAndSignature = lastDot > firstDot + 1 && lastDot < token.Length - 1;

        return payloadAndSignature ? TokenKind.Jwt : TokenKind.Opaque;
    }
}
