using System.Numerics;

namespace FastToken;

/// <summary>
/// Finds a cookie in <c>Cookie</c> field values (RFC 6265 §4.2.1), tolerating what browsers
/// and proxies send in practice, and reassembles chunked cookies. Nothing here allocates.
/// </summary>
/// <remarks>
/// <para>
/// Pairs are separated by <c>;</c> with or without spaces. Names are compared exactly (case
/// matters). The first pair with the name wins. The value is everything after the first
/// <c>=</c>, so it may itself contain <c>=</c>; whitespace around it is dropped, and so are
/// the double quotes of a quoted value. Pairs without <c>=</c>, with an empty name, empty
/// pairs and stray whitespace are skipped without disturbing the pairs around them.
/// </para>
/// <para>
/// Values are not percent-decoded: a value is returned as it was sent. Tokens that only use
/// the b64token alphabet never need encoding, but a server that percent-encodes every cookie
/// (ASP.NET Core does for <c>+</c>, <c>/</c> and <c>=</c>) hands over values whose <c>%2B</c>,
/// <c>%2F</c> or <c>%3D</c> stay as they are, and such a token is then rejected.
/// </para>
/// </remarks>
public static partial class CookieHeader
{
    /// <summary>
    /// Finds the value of the first cookie named <paramref name="name"/> in one <c>Cookie</c>
    /// field value.
    /// </summary>
    /// <param name="cookieHeader">The field value, for example <c>a=1; access_token=abc</c>.</param>
    /// <param name="name">The cookie name, compared exactly. An empty name matches nothing.</param>
    /// <param name="value">
    /// When found, the value without surrounding whitespace or quotes, as a slice of
    /// <paramref name="cookieHeader"/>; it may be empty. Otherwise empty.
    /// </param>
    /// <returns><see langword="true"/> when a cookie with that name is present.</returns>
    public static bool TryGetValue(
        ReadOnlySpan<char> cookieHeader,
        scoped ReadOnlySpan<char> name,
        out ReadOnlySpan<char> value)
        => TryFind(cookieHeader, name, default, out value);

    /// <summary>
    /// Finds the value of the first cookie named <paramref name="name"/> in one raw
    /// <c>Cookie</c> field value.
    /// </summary>
    /// <param name="cookieHeader">The field value bytes as received.</param>
    /// <param name="name">
    /// The cookie name as ASCII bytes, compared exactly. An empty name matches nothing.
    /// </param>
    /// <param name="value">
    /// When found, the value without surrounding whitespace or quotes, as a slice of
    /// <paramref name="cookieHeader"/>; it may be empty. Otherwise empty.
    /// </param>
    /// <returns><see langword="true"/> when a cookie with that name is present.</returns>
    public static bool TryGetValue(
        ReadOnlySpan<byte> cookieHeader,
        scoped ReadOnlySpan<byte> name,
        out ReadOnlySpan<byte> value)
        => TryFind(cookieHeader, name, default, out value);

    /// <summary>
    /// Finds the value of the first cookie named <paramref name="name"/> in several
    /// <c>Cookie</c> field values, read as if joined by <c>"; "</c> (HTTP/2 sends cookies as
    /// separate fields, RFC 9113 §8.2.3).
    /// </summary>
    /// <param name="cookieFieldValues">
    /// The field values in the order received; a null entry counts as empty.
    /// </param>
    /// <param name="name">The cookie name, compared exactly. An empty name matches nothing.</param>
    /// <param name="value">
    /// When found, the value without surrounding whitespace or quotes, as a slice of one of the
    /// field values; it may be empty. Otherwise empty.
    /// </param>
    /// <returns><see langword="true"/> when a cookie with that name is present.</returns>
    public static bool TryGetValue(
        ReadOnlySpan<string?> cookieFieldValues,
        scoped ReadOnlySpan<char> name,
        out ReadOnlySpan<char> value)
        => new CookieFieldStrings(cookieFieldValues).TryFind(name, default, out value);

    /// <summary>
    /// Finds the first cookie called <paramref name="name"/> immediately followed by
    /// <paramref name="nameSuffix"/>. The suffix lets the chunk reader ask for <c>nameC7</c>
    /// without building that name anywhere.
    /// </summary>
    /// <remarks>
    /// Rather than splitting every pair before ours, this searches for the name itself with the
    /// vectorized substring search and then checks that the hit is a pair's name: preceded by
    /// the field start or <c>;</c> and optional whitespace, followed by the suffix, optional
    /// whitespace and <c>=</c>. The result is the one a pair-by-pair reading gives.
    /// </remarks>
    internal static bool TryFind<T>(
        ReadOnlySpan<T> cookieHeader,
        scoped ReadOnlySpan<T> name,
        scoped ReadOnlySpan<T> nameSuffix,
        out ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = default;

        // Only the whole name counts; search for whichever part of it is not empty.
        if (name.IsEmpty)
        {
            name = nameSuffix;
            nameSuffix = default;
        }

        if (!CanBePairName(name, nameSuffix))
        {
            return false;
        }

        // Every hit before the first match is skipped together with the rest of its pair, so
        // the search always restarts at a pair's start and reads each pair at most once.
        T separator = HttpSyntax.Unit<T>(';');
        int pairStart = 0;

        while (true)
        {
            int hit = cookieHeader[pairStart..].IndexOf(name);
            if (hit < 0)
            {
                return false;
            }

            int nameStart = pairStart + hit;
            if (TryMatchName(cookieHeader, nameStart, name.Length, nameSuffix, out int valueStart))
            {
                value = PairValue(cookieHeader[valueStart..]);
                return true;
            }

            // A pair's name can only sit right after its leading whitespace, and this hit was
            // there or past it: nothing later in the same pair can match.
            int pairEnd = cookieHeader[nameStart..].IndexOf(separator);
            if (pairEnd < 0)
            {
                return false;
            }

            pairStart = nameStart + pairEnd + 1;
        }
    }

    // A pair's name is what precedes its first '=', without the whitespace around it: it never
    // holds '=' or ';' and never starts or ends with whitespace. A name that does matches nothing.
    private static bool CanBePairName<T>(
        scoped ReadOnlySpan<T> name,
        scoped ReadOnlySpan<T> nameSuffix)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (name.IsEmpty)
        {
            return false;
        }

        ReadOnlySpan<T> delimiters = HttpSyntax.Literal<T>("=;", "=;"u8);
        if (name.IndexOfAny(delimiters) >= 0 || nameSuffix.IndexOfAny(delimiters) >= 0)
        {
            return false;
        }

        T last = nameSuffix.IsEmpty ? name[^1] : nameSuffix[^1];
        return !HttpSyntax.IsWhitespace(name[0]) && !HttpSyntax.IsWhitespace(last);
    }

    /// <summary>
    /// Whether the name found at <paramref name="nameStart"/> is the name of its pair; if so,
    /// <paramref name="valueStart"/> is where the text after the pair's <c>=</c> begins.
    /// </summary>
    private static bool TryMatchName<T>(
        ReadOnlySpan<T> cookieHeader,
        int nameStart,
        int nameLength,
        scoped ReadOnlySpan<T> nameSuffix,
        out int valueStart)
        where T : unmanaged, IBinaryInteger<T>
    {
        valueStart = 0;

        // RFC 6265 §5.2 trims whitespace around the name; browsers send "; " but hand-written
        // clients and proxies send other spacing. Before it: the field start or a ';'.
        int before = nameStart - 1;
        while (before >= 0 && HttpSyntax.IsWhitespace(cookieHeader[before]))
        {
            before--;
        }

        if (before >= 0 && cookieHeader[before] != HttpSyntax.Unit<T>(';'))
        {
            return false;
        }

        // After it: the suffix, then whitespace and the '=' that ends the name.
        int afterName = nameStart + nameLength;
        if (!cookieHeader[afterName..].StartsWith(nameSuffix))
        {
            return false;
        }

        int equals = afterName + nameSuffix.Length;
        while (equals < cookieHeader.Length && HttpSyntax.IsWhitespace(cookieHeader[equals]))
        {
            equals++;
        }

        if (equals == cookieHeader.Length || cookieHeader[equals] != HttpSyntax.Unit<T>('='))
        {
            return false;
        }

        valueStart = equals + 1;
        return true;
    }

    /// <summary>
    /// The value of a pair, read from the text after its <c>=</c> up to the next <c>;</c>.
    /// </summary>
    private static ReadOnlySpan<T> PairValue<T>(ReadOnlySpan<T> afterEquals)
        where T : unmanaged, IBinaryInteger<T>
    {
        int end = afterEquals.IndexOf(HttpSyntax.Unit<T>(';'));
        ReadOnlySpan<T> pairValue =
            HttpSyntax.TrimWhitespace(end < 0 ? afterEquals : afterEquals[..end]);

        // RFC 6265 §4.1.1: cookie-value = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE ).
        // The quotes delimit the value and are not part of it.
        T quote = HttpSyntax.Unit<T>('"');
        if (pairValue.Length >= 2 && pairValue[0] == quote && pairValue[^1] == quote)
        {
            pairValue = pairValue[1..^1];
        }

        return pairValue;
    }
}
