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
    internal static bool TryFind<T>(
        ReadOnlySpan<T> cookieHeader,
        scoped ReadOnlySpan<T> name,
        scoped ReadOnlySpan<T> nameSuffix,
        out ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T>
    {
        T separator = HttpSyntax.Unit<T>(';');
        ReadOnlySpan<T> rest = cookieHeader;

        while (true)
        {
            int end = rest.IndexOf(separator);
            ReadOnlySpan<T> pair = end < 0 ? rest : rest[..end];
            if (TryMatchPair(pair, name, nameSuffix, out value))
            {
                return true;
            }

            if (end < 0)
            {
                return false;
            }

            rest = rest[(end + 1)..];
        }
    }

    private static bool TryMatchPair<T>(
        ReadOnlySpan<T> pair,
        scoped ReadOnlySpan<T> name,
        scoped ReadOnlySpan<T> nameSuffix,
        out ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = default;

        // A pair without '=' has no name we could be looking for: skip it.
        int equals = pair.IndexOf(HttpSyntax.Unit<T>('='));
        if (equals < 0)
        {
            return false;
        }

        // RFC 6265 §5.2 trims whitespace around the name and the value; browsers send
        // "; " but hand-written clients and proxies send other spacing.
        ReadOnlySpan<T> pairName = HttpSyntax.TrimWhitespace(pair[..equals]);
        bool matches = !pairName.IsEmpty
            && pairName.Length == name.Length + nameSuffix.Length
            && pairName.StartsWith(name)
            && pairName[name.Length..].SequenceEqual(nameSuffix);
        if (!matches)
        {
            return false;
        }

        // RFC 6265 §4.1.1: cookie-value = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE ).
        // The quotes delimit the value and are not part of it.
        ReadOnlySpan<T> pairValue = HttpSyntax.TrimWhitespace(pair[(equals + 1)..]);
        T quote = HttpSyntax.Unit<T>('"');
        if (pairValue.Length >= 2 && pairValue[0] == quote && pairValue[^1] == quote)
        {
            pairValue = pairValue[1..^1];
        }

        value = pairValue;
        return true;
    }
}
