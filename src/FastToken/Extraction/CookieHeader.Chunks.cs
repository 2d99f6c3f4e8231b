using System.Numerics;

namespace FastToken;

public static partial class CookieHeader
{
    // ASP.NET Core's chunking cookie manager: cookie "name" holds "chunks-N" and cookies
    // "nameC1" .. "nameCN" hold the pieces, in order.
    private const string ChunkCountPrefixUtf16 = "chunks-";

    private const char ChunkNameMarker = 'C';

    // 'C' and the ten digits of int.MaxValue.
    private const int MaxChunkSuffixLength = 11;

    private static ReadOnlySpan<byte> ChunkCountPrefixUtf8 => "chunks-"u8;

    /// <summary>
    /// Finds the cookie named <paramref name="name"/> in one <c>Cookie</c> field value and, if
    /// it is chunked in the ASP.NET Core format, assembles its chunks into
    /// <paramref name="destination"/>.
    /// </summary>
    /// <remarks>
    /// A value that starts with <c>chunks-</c> is a chunk count, never a token: it must be a
    /// decimal number from 1 to <paramref name="maxChunks"/>, every cookie <c>nameC1</c> to
    /// <c>nameCN</c> must be present and non-empty (the first of each name wins), and together
    /// they must fit in <paramref name="destination"/>. Otherwise no value is returned, and
    /// whatever was copied into <paramref name="destination"/> is cleared: a partial token is
    /// never handed out. The work is bounded by <paramref name="maxChunks"/> scans of the header.
    /// </remarks>
    /// <param name="cookieHeader">
    /// The field value, for example <c>t=chunks-2; tC1=ab; tC2=cd</c>.
    /// </param>
    /// <param name="name">The cookie name, compared exactly.</param>
    /// <param name="destination">
    /// Where chunks are assembled. Its length is the bound on the assembled value.
    /// </param>
    /// <param name="maxChunks">The largest chunk count accepted; 0 refuses every chunked cookie.</param>
    /// <param name="value">
    /// On <see cref="ExtractionStatus.Found"/>, the value: a slice of <paramref name="cookieHeader"/>
    /// when the cookie is not chunked, a slice of <paramref name="destination"/> when it was
    /// assembled. It may be empty. Otherwise empty.
    /// </param>
    /// <returns>
    /// <see cref="ExtractionStatus.Found"/>, <see cref="ExtractionStatus.NotFound"/> when no
    /// cookie has the name, or one of <see cref="ExtractionStatus.InvalidCookieChunkCount"/>,
    /// <see cref="ExtractionStatus.TooManyCookieChunks"/>,
    /// <see cref="ExtractionStatus.CookieChunkMissing"/> and
    /// <see cref="ExtractionStatus.CookieChunksTooLong"/> when chunks cannot be assembled.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxChunks"/> is negative.</exception>
    public static ExtractionStatus TryGetChunkedValue(
        ReadOnlySpan<char> cookieHeader,
        scoped ReadOnlySpan<char> name,
        Span<char> destination,
        int maxChunks,
        out ReadOnlySpan<char> value)
        => GetChunked(
            new SingleCookieField<char>(cookieHeader), name, destination, maxChunks, out value);

    /// <summary>
    /// Finds the cookie named <paramref name="name"/> in one raw <c>Cookie</c> field value and,
    /// if it is chunked in the ASP.NET Core format, assembles its chunks into
    /// <paramref name="destination"/>.
    /// </summary>
    /// <remarks>The rules are those of the character overload.</remarks>
    /// <param name="cookieHeader">The field value bytes as received.</param>
    /// <param name="name">The cookie name as ASCII bytes, compared exactly.</param>
    /// <param name="destination">Where chunks are assembled. Its length is the bound on the assembled value.</param>
    /// <param name="maxChunks">The largest chunk count accepted; 0 refuses every chunked cookie.</param>
    /// <param name="value">
    /// On <see cref="ExtractionStatus.Found"/>, the value as a slice of <paramref name="cookieHeader"/>
    /// or of <paramref name="destination"/>. Otherwise empty.
    /// </param>
    /// <returns>The same statuses as the character overload.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxChunks"/> is negative.</exception>
    public static ExtractionStatus TryGetChunkedValue(
        ReadOnlySpan<byte> cookieHeader,
        scoped ReadOnlySpan<byte> name,
        Span<byte> destination,
        int maxChunks,
        out ReadOnlySpan<byte> value)
        => GetChunked(
            new SingleCookieField<byte>(cookieHeader), name, destination, maxChunks, out value);

    /// <summary>
    /// Finds the cookie named <paramref name="name"/> in several <c>Cookie</c> field values,
    /// read as if joined by <c>"; "</c>, and assembles its chunks if it is chunked.
    /// </summary>
    /// <remarks>
    /// The rules are those of the single-value overload; chunks may sit in any of the field values.
    /// </remarks>
    /// <param name="cookieFieldValues">
    /// The field values in the order received; a null entry counts as empty.
    /// </param>
    /// <param name="name">The cookie name, compared exactly.</param>
    /// <param name="destination">Where chunks are assembled. Its length is the bound on the assembled value.</param>
    /// <param name="maxChunks">The largest chunk count accepted; 0 refuses every chunked cookie.</param>
    /// <param name="value">
    /// On <see cref="ExtractionStatus.Found"/>, the value as a slice of a field value or of
    /// <paramref name="destination"/>. Otherwise empty.
    /// </param>
    /// <returns>The same statuses as the single-value overload.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxChunks"/> is negative.</exception>
    public static ExtractionStatus TryGetChunkedValue(
        ReadOnlySpan<string?> cookieFieldValues,
        scoped ReadOnlySpan<char> name,
        Span<char> destination,
        int maxChunks,
        out ReadOnlySpan<char> value)
        => GetChunked(
            new CookieFieldStrings(cookieFieldValues), name, destination, maxChunks, out value);

    internal static ExtractionStatus GetChunked<T, TFields>(
        TFields fields,
        scoped ReadOnlySpan<T> name,
        Span<T> destination,
        int maxChunks,
        out ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T>
        where TFields : ICookieFieldValues<T>, allows ref struct
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxChunks);

        if (!fields.TryFind(name, default, out ReadOnlySpan<T> first))
        {
            value = default;
            return ExtractionStatus.NotFound;
        }

        ReadOnlySpan<T> countPrefix =
            HttpSyntax.Literal<T>(ChunkCountPrefixUtf16, ChunkCountPrefixUtf8);
        if (!first.StartsWith(countPrefix))
        {
            value = first;
            return ExtractionStatus.Found;
        }

        value = default;
        ReadOnlySpan<T> countText = first[countPrefix.Length..];
        ExtractionStatus status = ParseChunkCount(countText, maxChunks, out int count);
        if (status != ExtractionStatus.Found)
        {
            return status;
        }

        // Chunk i lives in the cookie "name" + "C" + i, with i in decimal and no leading zero.
        Span<T> suffix = stackalloc T[MaxChunkSuffixLength];
        suffix[0] = HttpSyntax.Unit<T>(ChunkNameMarker);
        int written = 0;

        for (int index = 1; index <= count; index++)
        {
            int suffixLength = 1 + FormatDecimal(index, suffix[1..]);
            bool present = fields.TryFind(name, suffix[..suffixLength], out ReadOnlySpan<T> chunk);
            if (!present || chunk.IsEmpty)
            {
                status = ExtractionStatus.CookieChunkMissing;
                break;
            }

            if (chunk.Length > destination.Length - written)
            {
                status = ExtractionStatus.CookieChunksTooLong;
                break;
            }

            chunk.CopyTo(destination[written..]);
            written += chunk.Length;
        }

        if (status != ExtractionStatus.Found)
        {
            // Leave no piece of a token behind in a buffer that the caller may reuse or pool.
            destination[..written].Clear();
            return status;
        }

        value = destination[..written];
        return ExtractionStatus.Found;
    }

    private static ExtractionStatus ParseChunkCount<T>(
        ReadOnlySpan<T> digits,
        int maxChunks,
        out int count)
        where T : unmanaged, IBinaryInteger<T>
    {
        count = 0;

        // Digits only: no sign, no whitespace, nothing after them.
        if (digits.IsEmpty || !HttpSyntax.IsDigits(digits))
        {
            return ExtractionStatus.InvalidCookieChunkCount;
        }

        // Stop as soon as the count passes the bound, so a long run of digits cannot overflow.
        long parsed = 0;
        foreach (T digit in digits)
        {
            parsed = (parsed * 10) + int.CreateTruncating(digit) - '0';
            if (parsed > maxChunks)
            {
                return ExtractionStatus.TooManyCookieChunks;
            }
        }

        if (parsed == 0)
        {
            return ExtractionStatus.InvalidCookieChunkCount;
        }

        count = (int)parsed;
        return ExtractionStatus.Found;
    }

    private static int FormatDecimal<T>(int number, Span<T> destination)
        where T : unmanaged, IBinaryInteger<T>
    {
        int length = 0;
        for (int rest = number; rest > 0; rest /= 10)
        {
            length++;
        }

        for (int position = length - 1; position >= 0; position--)
        {
            destination[position] = T.CreateTruncating('0' + (number % 10));
            number /= 10;
        }

        return length;
    }
}
