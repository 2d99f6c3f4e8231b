using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Text;

namespace FastToken;

/// <summary>
/// Finds the access token of a request in its <c>Authorization</c> field, its token cookie or
/// both, as configured, without allocating. An instance is immutable and can be shared by all
/// requests.
/// </summary>
/// <remarks>
/// <para>
/// With two sources, the first one in <see cref="TokenExtractionOptions.Sources"/> decides:
/// a malformed first source fails the request (there is no falling back past a malformed
/// credential), and the second source is used only when the first carries no token. When the
/// first source yields a token, the second is still read, to catch a request that carries a
/// different token there (<see cref="ExtractionStatus.ConflictingTokens"/>); the same token in
/// both is accepted and reported as coming from the header. A malformed second source is
/// ignored when the first one yielded a token, since it was never going to be used, and fails
/// the request when the first one has none.
/// </para>
/// <para>
/// A token from a cookie must be a b64token like one from the header. A cookie value that is
/// not is reported as <see cref="ExtractionStatus.InvalidCookieTokenCharacters"/>, an
/// invalid request, rather than as no token: the client did present a credential under the
/// configured name, and quietly treating the request as anonymous would hide a broken client
/// (often one that percent-encodes its cookies) behind a confusing 401.
/// </para>
/// </remarks>
public sealed class TokenExtractor
{
    private readonly TokenSources _sources;
    private readonly string _cookieName;
    private readonly byte[] _cookieNameUtf8;
    private readonly int _maxChunks;
    private readonly int _requiredChunkBufferLength;

    /// <summary>Creates an extractor with the default options: the <c>Authorization</c> field only.</summary>
    public TokenExtractor()
        : this(new TokenExtractionOptions())
    {
    }

    /// <summary>Creates an extractor with the given options, copied now.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentNullException">
    /// <paramref name="options"/> or its cookie name is null.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// The sources are not a defined <see cref="TokenSources"/> value, or the cookie name is
    /// not an RFC 9110 token.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <see cref="TokenExtractionOptions.MaxChunks"/> is negative, or
    /// <see cref="TokenExtractionOptions.MaxTokenLength"/> is not positive.
    /// </exception>
    public TokenExtractor(TokenExtractionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.CookieName, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxChunks, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxTokenLength, nameof(options));

        if (!Enum.IsDefined(options.Sources))
        {
            throw new ArgumentException(
                "The token sources are not a defined value.", nameof(options));
        }

        if (!HttpSyntax.IsToken(options.CookieName))
        {
            throw new ArgumentException(
                "The cookie name must be a non-empty RFC 9110 token.", nameof(options));
        }

        _sources = options.Sources;
        _cookieName = options.CookieName;
        _cookieNameUtf8 = Encoding.ASCII.GetBytes(options.CookieName);
        _maxChunks = options.MaxChunks;

        // Without chunks a cookie token is a slice of the header and needs no buffer.
        bool readsCookie = _sources != TokenSources.AuthorizationHeader;
        _requiredChunkBufferLength = readsCookie && _maxChunks > 0 ? options.MaxTokenLength : 0;
    }

    /// <summary>The sources read, in order.</summary>
    public TokenSources Sources => _sources;

    /// <summary>
    /// The smallest chunk buffer that the <c>Extract</c> methods accept: the maximum token
    /// length when chunked cookies can be read, otherwise 0 (pass an empty span).
    /// </summary>
    public int RequiredChunkBufferLength => _requiredChunkBufferLength;

    /// <summary>
    /// Extracts the token from field values that a hosting layer hands over as strings.
    /// </summary>
    /// <param name="authorizationValues">
    /// Every <c>Authorization</c> field value of the request; more than one is an invalid request.
    /// For a single value, <c>[value]</c> builds the span on the stack.
    /// </param>
    /// <param name="cookieValues">
    /// Every <c>Cookie</c> field value, read as if joined by <c>"; "</c>.
    /// </param>
    /// <param name="chunkBuffer">
    /// Where a chunked cookie is assembled; at least <see cref="RequiredChunkBufferLength"/> long.
    /// A stack or pooled buffer will do: the token may point into it, so keep it alive while
    /// the token is used.
    /// </param>
    /// <param name="token">
    /// On <see cref="ExtractionStatus.Found"/>, the token: a slice of a field value, or of
    /// <paramref name="chunkBuffer"/> for an assembled cookie. Otherwise empty.
    /// </param>
    /// <param name="source">Where the token came from; <see cref="TokenSource.None"/> unless found.</param>
    /// <returns>
    /// <see cref="ExtractionStatus.Found"/>, a not-found reason or an invalid-request reason
    /// (see <see cref="ExtractionStatusExtensions"/>).
    /// </returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="chunkBuffer"/> is shorter than <see cref="RequiredChunkBufferLength"/>;
    /// this depends on the configuration only, never on the request.
    /// </exception>
    public ExtractionStatus Extract(
        ReadOnlySpan<string?> authorizationValues,
        ReadOnlySpan<string?> cookieValues,
        Span<char> chunkBuffer,
        out ReadOnlySpan<char> token,
        out TokenSource source)
    {
        ReadOnlySpan<char> authorization = authorizationValues.Length == 1
            ? authorizationValues[0].AsSpan()
            : default;

        return Extract(
            authorization,
            authorizationValues.Length,
            new CookieFieldStrings(cookieValues),
            _cookieName.AsSpan(),
            chunkBuffer,
            out token,
            out source);
    }

    /// <summary>
    /// Extracts the token from raw header bytes, as an HTTP server that parses requests itself
    /// holds them.
    /// </summary>
    /// <param name="authorization">
    /// The <c>Authorization</c> field value when the request has exactly one; ignored otherwise.
    /// </param>
    /// <param name="authorizationFieldCount">
    /// How many <c>Authorization</c> fields the request has; more than one is an invalid request.
    /// </param>
    /// <param name="cookie">
    /// The <c>Cookie</c> field value, empty when there is none. HTTP/2 cookie crumbs must be
    /// joined by <c>"; "</c> first, as RFC 9113 §8.2.3 requires before HTTP/1.1 processing.
    /// </param>
    /// <param name="chunkBuffer">
    /// Where a chunked cookie is assembled; at least <see cref="RequiredChunkBufferLength"/> long.
    /// </param>
    /// <param name="token">
    /// On <see cref="ExtractionStatus.Found"/>, the token as a slice of <paramref name="authorization"/>,
    /// <paramref name="cookie"/> or <paramref name="chunkBuffer"/>. Otherwise empty.
    /// </param>
    /// <param name="source">Where the token came from; <see cref="TokenSource.None"/> unless found.</param>
    /// <returns>
    /// <see cref="ExtractionStatus.Found"/>, a not-found reason or an invalid-request reason
    /// (see <see cref="ExtractionStatusExtensions"/>).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="authorizationFieldCount"/> is negative.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="chunkBuffer"/> is shorter than <see cref="RequiredChunkBufferLength"/>.
    /// </exception>
    public ExtractionStatus Extract(
        ReadOnlySpan<byte> authorization,
        int authorizationFieldCount,
        ReadOnlySpan<byte> cookie,
        Span<byte> chunkBuffer,
        out ReadOnlySpan<byte> token,
        out TokenSource source)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(authorizationFieldCount);

        return Extract(
            authorizationFieldCount == 1 ? authorization : default,
            authorizationFieldCount,
            new SingleCookieField<byte>(cookie),
            _cookieNameUtf8,
            chunkBuffer,
            out token,
            out source);
    }

    private ExtractionStatus Extract<T, TCookies>(
        ReadOnlySpan<T> authorization,
        int authorizationCount,
        TCookies cookies,
        ReadOnlySpan<T> cookieName,
        Span<T> chunkBuffer,
        out ReadOnlySpan<T> token,
        out TokenSource source)
        where T : unmanaged, IBinaryInteger<T>
        where TCookies : ICookieFieldValues<T>, allows ref struct
    {
        if (chunkBuffer.Length < _requiredChunkBufferLength)
        {
            ThrowChunkBufferTooSmall(_requiredChunkBufferLength);
        }

        // The chunks may use exactly the maximum token length: that is the bound on assembly.
        Span<T> assembly = chunkBuffer[.._requiredChunkBufferLength];
        ExtractionStatus status;

        if (_sources == TokenSources.AuthorizationHeader)
        {
            status = FromHeader(authorization, authorizationCount, out token);
            source = status.IsFound() ? TokenSource.AuthorizationHeader : TokenSource.None;
            return status;
        }

        if (_sources == TokenSources.Cookie)
        {
            status = FromCookie(cookies, cookieName, assembly, out token);
            source = status.IsFound() ? TokenSource.Cookie : TokenSource.None;
            return status;
        }

        return FromBoth(
            authorization, authorizationCount, cookies, cookieName, assembly, out token, out source);
    }

    private ExtractionStatus FromBoth<T, TCookies>(
        ReadOnlySpan<T> authorization,
        int authorizationCount,
        TCookies cookies,
        ReadOnlySpan<T> cookieName,
        Span<T> assembly,
        out ReadOnlySpan<T> token,
        out TokenSource source)
        where T : unmanaged, IBinaryInteger<T>
        where TCookies : ICookieFieldValues<T>, allows ref struct
    {
        token = default;
        source = TokenSource.None;

        bool headerFirst = _sources == TokenSources.AuthorizationHeaderThenCookie;
        ExtractionStatus headerStatus;
        ExtractionStatus cookieStatus;
        ReadOnlySpan<T> headerToken;
        ReadOnlySpan<T> cookieToken;

        // A malformed first source fails the request; there is no falling back past it.
        if (headerFirst)
        {
            headerStatus = FromHeader(authorization, authorizationCount, out headerToken);
            if (headerStatus.IsInvalidRequest())
            {
                return headerStatus;
            }

            cookieStatus = FromCookie(cookies, cookieName, assembly, out cookieToken);
        }
        else
        {
            cookieStatus = FromCookie(cookies, cookieName, assembly, out cookieToken);
            if (cookieStatus.IsInvalidRequest())
            {
                return cookieStatus;
            }

            headerStatus = FromHeader(authorization, authorizationCount, out headerToken);
        }

        // Two tokens in one request: only the same token twice is unambiguous.
        if (headerStatus.IsFound() && cookieStatus.IsFound())
        {
            if (!headerToken.SequenceEqual(cookieToken))
            {
                return ExtractionStatus.ConflictingTokens;
            }

            token = headerToken;
            source = TokenSource.AuthorizationHeader;
            return ExtractionStatus.Found;
        }

        // One token. The other source has none, or it is the second source and malformed,
        // which does not matter: it would only have been used had the first had no token.
        if (headerStatus.IsFound())
        {
            token = headerToken;
            source = TokenSource.AuthorizationHeader;
            return ExtractionStatus.Found;
        }

        if (cookieStatus.IsFound())
        {
            token = cookieToken;
            source = TokenSource.Cookie;
            return ExtractionStatus.Found;
        }

        // No token. A malformed second source is now the credential the request offers, so
        // the request is malformed; otherwise keep the more specific not-found reason,
        // preferring the first source's.
        ExtractionStatus firstStatus = headerFirst ? headerStatus : cookieStatus;
        ExtractionStatus secondStatus = headerFirst ? cookieStatus : headerStatus;
        if (secondStatus.IsInvalidRequest())
        {
            return secondStatus;
        }

        return firstStatus != ExtractionStatus.NotFound ? firstStatus : secondStatus;
    }

    private static ExtractionStatus FromHeader<T>(
        ReadOnlySpan<T> authorization,
        int authorizationCount,
        out ReadOnlySpan<T> token)
        where T : unmanaged, IBinaryInteger<T>
    {
        token = default;

        if (authorizationCount == 0)
        {
            return ExtractionStatus.NotFound;
        }

        // RFC 9110 §5.3: Authorization is not a list; several fields cannot be combined,
        // and guessing which one counts is how smuggled credentials get accepted.
        if (authorizationCount > 1)
        {
            return ExtractionStatus.MultipleAuthorizationHeaders;
        }

        return BearerToken.Parse(authorization, out token);
    }

    private ExtractionStatus FromCookie<T, TCookies>(
        TCookies cookies,
        ReadOnlySpan<T> cookieName,
        Span<T> assembly,
        out ReadOnlySpan<T> token)
        where T : unmanaged, IBinaryInteger<T>
        where TCookies : ICookieFieldValues<T>, allows ref struct
    {
        ExtractionStatus status =
            CookieHeader.GetChunked(cookies, cookieName, assembly, _maxChunks, out token);
        if (status != ExtractionStatus.Found)
        {
            return status;
        }

        // An emptied cookie is how many sites sign out: no credential, nothing malformed.
        if (token.IsEmpty)
        {
            return ExtractionStatus.NotFound;
        }

        if (!HttpSyntax.IsB64Token(token))
        {
            token = default;
            return ExtractionStatus.InvalidCookieTokenCharacters;
        }

        return ExtractionStatus.Found;
    }

    [DoesNotReturn]
    private static void ThrowChunkBufferTooSmall(int required)
        => throw new ArgumentException(
            $"The chunk buffer must hold at least {required} elements.",
            "chunkBuffer");
}
