using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace FastToken;

/// <summary>The verdict of <see cref="JsonSyntax.Check"/>.</summary>
internal enum JsonSyntaxStatus
{
    /// <summary>One well-formed JSON value, which the reader can read without throwing.</summary>
    WellFormed,

    /// <summary>Not one well-formed JSON value.</summary>
    Malformed,

    /// <summary>Well-formed so far, but nested deeper than allowed.</summary>
    TooDeep,
}

/// <summary>
/// A strict, allocation-free scanner of JSON text (RFC 8259): the validator reads the header
/// and the claims set with it in one pass that checks the syntax as it goes, without
/// <see cref="Utf8JsonReader"/>'s general machinery on the hot path.
/// </summary>
/// <remarks>
/// The reader reports bad syntax only by throwing, and its unescaping throws on a lone
/// surrogate escape; a hostile header could thus make every rejection cost an exception.
/// The scan never throws. It is as strict as the reader with comments and trailing commas
/// disallowed (a byte order mark included), and stricter in one way: it refuses escaped lone
/// surrogates (RFC 7493 2.1), which the reader tokenizes but cannot unescape. So any value it
/// passes, a reader can read and unescape without throwing, which is what claim reads and
/// claim visitors (both use the reader) rely on.
/// The caller has already checked that the text is valid UTF-8.
/// </remarks>
internal static class JsonSyntax
{
    /// <summary>
    /// The deepest nesting the check can track; <see cref="JwtValidationOptions.MaxJsonDepth"/>
    /// is bounded by it.
    /// </summary>
    public const int MaxSupportedDepth = 256;

    private const int DepthWords = MaxSupportedDepth / 64;

    // Inside a string only these bytes need a closer look: the end, an escape, a control byte.
    private static readonly SearchValues<byte> s_stringSpecials =
        SearchValues.Create([(byte)'"', (byte)'\\', .. Enumerable.Range(0, 0x20).Select(c => (byte)c)]);

    private static ReadOnlySpan<byte> True => "true"u8;

    private static ReadOnlySpan<byte> False => "false"u8;

    private static ReadOnlySpan<byte> Null => "null"u8;

    /// <summary>
    /// Checks that <paramref name="json"/> is exactly one JSON value, nested at most
    /// <paramref name="maxDepth"/> deep.
    /// </summary>
    /// <param name="json">UTF-8 JSON text.</param>
    /// <param name="maxDepth">
    /// How many containers may be open at once, at most <see cref="MaxSupportedDepth"/>.
    /// </param>
    /// <returns>The verdict.</returns>
    public static JsonSyntaxStatus Check(ReadOnlySpan<byte> json, int maxDepth)
    {
        int i = SkipWhiteSpace(json, 0);
        JsonSyntaxStatus status = CheckValue(json, ref i, maxDepth);
        if (status != JsonSyntaxStatus.WellFormed)
        {
            return status;
        }

        return SkipWhiteSpace(json, i) == json.Length ? JsonSyntaxStatus.WellFormed : JsonSyntaxStatus.Malformed;
    }

    /// <summary>
    /// Scans one JSON value that starts at <paramref name="i"/>, and tells its kind.
    /// </summary>
    /// <param name="json">UTF-8 JSON text.</param>
    /// <param name="i">Where the value starts (not white space); on success, just past it.</param>
    /// <param name="maxDepth">How many containers may be open at once inside this value.</param>
    /// <param name="type">
    /// <see cref="JsonTokenType.String"/>, <see cref="JsonTokenType.Number"/>,
    /// <see cref="JsonTokenType.True"/>, <see cref="JsonTokenType.False"/>,
    /// <see cref="JsonTokenType.Null"/>, <see cref="JsonTokenType.StartObject"/> or
    /// <see cref="JsonTokenType.StartArray"/>, as <see cref="Utf8JsonReader"/> would name it.
    /// </param>
    /// <param name="escaped">Whether a string value contains escapes.</param>
    /// <returns>The verdict on the value alone; what follows it is the caller's to judge.</returns>
    public static JsonSyntaxStatus ScanValue(
        ReadOnlySpan<byte> json,
        ref int i,
        int maxDepth,
        out JsonTokenType type,
        out bool escaped)
    {
        escaped = false;
        if (i >= json.Length)
        {
            type = JsonTokenType.None;
            return JsonSyntaxStatus.Malformed;
        }

        bool ok;
        switch (json[i])
        {
            case (byte)'"':
                type = JsonTokenType.String;
                ok = TrySkipString(json, ref i, out escaped);
                break;
            case (byte)'{':
                type = JsonTokenType.StartObject;
                return CheckValue(json, ref i, maxDepth);
            case (byte)'[':
                type = JsonTokenType.StartArray;
                return CheckValue(json, ref i, maxDepth);
            case (byte)'t':
                type = JsonTokenType.True;
                ok = TrySkipLiteral(json[i..], True, ref i);
                break;
            case (byte)'f':
                type = JsonTokenType.False;
                ok = TrySkipLiteral(json[i..], False, ref i);
                break;
            case (byte)'n':
                type = JsonTokenType.Null;
                ok = TrySkipLiteral(json[i..], Null, ref i);
                break;
            default:
                type = JsonTokenType.Number;
                ok = TrySkipNumber(json, ref i);
                break;
        }

        return ok ? JsonSyntaxStatus.WellFormed : JsonSyntaxStatus.Malformed;
    }

    /// <summary>
    /// Scans a member name and the colon after it: <c>"name" :</c> and the white space after.
    /// </summary>
    /// <param name="json">UTF-8 JSON text.</param>
    /// <param name="i">Where the opening quote should be; on success, where the value starts.</param>
    /// <param name="start">Where the raw name (without quotes) starts.</param>
    /// <param name="length">The raw name's length.</param>
    /// <param name="escaped">Whether the name contains escapes.</param>
    /// <returns><see langword="false"/> when this is not a well-formed name and colon.</returns>
    public static bool TryScanMemberName(
        ReadOnlySpan<byte> json,
        ref int i,
        out int start,
        out int length,
        out bool escaped)
    {
        start = i + 1;
        length = 0;
        escaped = false;
        if (i >= json.Length || json[i] != (byte)'"' || !TrySkipString(json, ref i, out escaped))
        {
            return false;
        }

        length = i - 1 - start;
        i = SkipWhiteSpace(json, i);
        if (i == json.Length || json[i] != (byte)':')
        {
            return false;
        }

        i = SkipWhiteSpace(json, i + 1);
        return true;
    }

    /// <summary>
    /// After a member's value: skips a comma and the white space around it, or the closing
    /// brace of the object.
    /// </summary>
    /// <param name="json">UTF-8 JSON text.</param>
    /// <param name="i">Just past the value; on success, at the next name or past the brace.</param>
    /// <param name="closed">Whether the object closed.</param>
    /// <returns><see langword="false"/> when neither follows.</returns>
    public static bool TryScanMemberEnd(ReadOnlySpan<byte> json, ref int i, out bool closed)
    {
        i = SkipWhiteSpace(json, i);
        closed = false;
        if (i == json.Length)
        {
            return false;
        }

        if (json[i] == (byte)'}')
        {
            closed = true;
            i++;
            return true;
        }

        if (json[i] != (byte)',')
        {
            return false;
        }

        i = SkipWhiteSpace(json, i + 1);
        return true;
    }

    /// <summary>
    /// Opens an object at <paramref name="i"/> (after white space): <see langword="true"/> and
    /// <paramref name="empty"/> for <c>{}</c>, else <paramref name="i"/> is at the first name.
    /// </summary>
    public static bool TryOpenObject(ReadOnlySpan<byte> json, ref int i, out bool empty)
    {
        empty = false;
        i = SkipWhiteSpace(json, i);
        if (i == json.Length || json[i] != (byte)'{')
        {
            return false;
        }

        i = SkipWhiteSpace(json, i + 1);
        if (i < json.Length && json[i] == (byte)'}')
        {
            empty = true;
            i++;
        }

        return true;
    }

    /// <summary>Whether only white space follows <paramref name="i"/>.</summary>
    public static bool IsAtEnd(ReadOnlySpan<byte> json, int i) => SkipWhiteSpace(json, i) == json.Length;

    /// <summary>
    /// Walks the string members of an array whose syntax has been checked: call with
    /// <paramref name="i"/> at the <c>[</c>, then again with what it returned.
    /// </summary>
    /// <param name="array">The array's text, from <c>[</c> to <c>]</c>.</param>
    /// <param name="i">The position; moves past the member it reports.</param>
    /// <param name="start">Where the member's raw content (without quotes) starts.</param>
    /// <param name="length">Its raw length.</param>
    /// <param name="escaped">Whether it contains escapes.</param>
    /// <returns>
    /// <see cref="JsonTokenType.String"/> for a string member, <see cref="JsonTokenType.EndArray"/>
    /// at the end, <see cref="JsonTokenType.None"/> for a member of another kind.
    /// </returns>
    public static JsonTokenType NextArrayString(
        ReadOnlySpan<byte> array,
        ref int i,
        out int start,
        out int length,
        out bool escaped)
    {
        start = length = 0;
        escaped = false;

        // Past the '[' or the ',' (or the ']' if the array ended), then to the next member.
        i = SkipWhiteSpace(array, i + 1);
        if (i >= array.Length || array[i] == (byte)']')
        {
            return JsonTokenType.EndArray;
        }

        if (array[i] != (byte)'"')
        {
            return JsonTokenType.None;
        }

        start = i + 1;
        TrySkipString(array, ref i, out escaped);
        length = i - 1 - start;
        i = SkipWhiteSpace(array, i);
        return JsonTokenType.String;
    }

    /// <summary>
    /// Checks one value from <paramref name="i"/>, nested at most <paramref name="maxDepth"/>
    /// deep, and leaves <paramref name="i"/> just past it.
    /// </summary>
    private static JsonSyntaxStatus CheckValue(ReadOnlySpan<byte> json, ref int i, int maxDepth)
    {
        // One bit per open container: set for an object, clear for an array.
        Span<ulong> objects = stackalloc ulong[DepthWords];
        int depth = 0;
        bool afterValue = false;
        while (true)
        {
            // The value scanned is complete: stop at its last byte, so that a claim's raw text
            // does not take in the white space that follows it.
            if (afterValue && depth == 0)
            {
                return JsonSyntaxStatus.WellFormed;
            }

            i = SkipWhiteSpace(json, i);
            if (afterValue)
            {
                // A value ended inside a container, which continues or closes.
                if (i == json.Length)
                {
                    return JsonSyntaxStatus.Malformed;
                }

                bool inObject = (objects[(depth - 1) >> 6] & (1UL << (depth - 1))) != 0;
                byte next = json[i++];
                if (next == (inObject ? (byte)'}' : (byte)']'))
                {
                    depth--;
                    continue;
                }

                if (next != (byte)',' || (inObject && !TrySkipMemberName(json, ref i)))
                {
                    return JsonSyntaxStatus.Malformed;
                }

                afterValue = false;
                continue;
            }

            if (i == json.Length)
            {
                return JsonSyntaxStatus.Malformed;
            }

            byte first = json[i];
            if (first is (byte)'{' or (byte)'[')
            {
                if (depth == maxDepth)
                {
                    return JsonSyntaxStatus.TooDeep;
                }

                bool isObject = first == (byte)'{';
                ref ulong word = ref objects[depth >> 6];
                word = isObject ? word | (1UL << depth) : word & ~(1UL << depth);
                depth++;

                // An empty container is a complete value; otherwise an object starts with a name.
                i = SkipWhiteSpace(json, i + 1);
                if (i < json.Length && json[i] == (isObject ? (byte)'}' : (byte)']'))
                {
                    depth--;
                    i++;
                    afterValue = true;
                }
                else if (isObject && !TrySkipMemberName(json, ref i))
                {
                    return JsonSyntaxStatus.Malformed;
                }

                continue;
            }

            if (!TrySkipScalar(json, ref i))
            {
                return JsonSyntaxStatus.Malformed;
            }

            afterValue = true;
        }
    }

    /// <summary>Skips <c>"name" :</c> and the white space around it.</summary>
    private static bool TrySkipMemberName(ReadOnlySpan<byte> json, ref int i)
    {
        i = SkipWhiteSpace(json, i);
        return TryScanMemberName(json, ref i, out _, out _, out _);
    }

    private static bool TrySkipScalar(ReadOnlySpan<byte> json, ref int i)
    {
        ReadOnlySpan<byte> rest = json[i..];
        switch (rest[0])
        {
            case (byte)'"':
                return TrySkipString(json, ref i);
            case (byte)'t':
                return TrySkipLiteral(rest, True, ref i);
            case (byte)'f':
                return TrySkipLiteral(rest, False, ref i);
            case (byte)'n':
                return TrySkipLiteral(rest, Null, ref i);
            default:
                return TrySkipNumber(json, ref i);
        }
    }

    private static bool TrySkipLiteral(ReadOnlySpan<byte> rest, ReadOnlySpan<byte> literal, ref int i)
    {
        // What follows is judged by the caller: only white space, ',' or a closing bracket may.
        if (!rest.StartsWith(literal))
        {
            return false;
        }

        i += literal.Length;
        return true;
    }

    /// <summary>RFC 8259 6: <c>-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?</c>.</summary>
    private static bool TrySkipNumber(ReadOnlySpan<byte> json, ref int i)
    {
        int p = i;
        if (json[p] == (byte)'-')
        {
            p++;
        }

        if (p == json.Length || !char.IsAsciiDigit((char)json[p]))
        {
            return false;
        }

        // A leading zero stands alone; "01" ends the number after the 0 and then fails in the caller.
        p = json[p] == (byte)'0' ? p + 1 : SkipDigits(json, p);
        if (p < json.Length && json[p] == (byte)'.')
        {
            int fraction = p + 1;
            p = SkipDigits(json, fraction);
            if (p == fraction)
            {
                return false;
            }
        }

        if (p < json.Length && (json[p] | 0x20) == (byte)'e')
        {
            p++;
            if (p < json.Length && json[p] is (byte)'+' or (byte)'-')
            {
                p++;
            }

            int exponent = p;
            p = SkipDigits(json, exponent);
            if (p == exponent)
            {
                return false;
            }
        }

        i = p;
        return true;
    }

    /// <summary>Skips a string from its opening quote. RFC 8259 7: no raw control characters.</summary>
    private static bool TrySkipString(ReadOnlySpan<byte> json, ref int i) => TrySkipString(json, ref i, out _);

    /// <summary>Skips a string from its opening quote, and tells whether it has escapes.</summary>
    private static bool TrySkipString(ReadOnlySpan<byte> json, ref int i, out bool escaped)
    {
        escaped = false;
        int p = i + 1;
        while (true)
        {
            p = IndexOfStringSpecial(json, p);
            if (p < 0)
            {
                return false;
            }

            byte c = json[p];
            if (c == (byte)'"')
            {
                i = p + 1;
                return true;
            }

            if (c != (byte)'\\' || !TrySkipEscape(json, ref p))
            {
                return false;
            }

            escaped = true;
        }
    }

    /// <summary>
    /// The first quote, backslash or control byte at or after <paramref name="p"/>, or -1.
    /// Claim strings are short, so sixteen bytes are tested at a time here rather than through
    /// the general search, whose setup costs more than such a string's whole scan.
    /// </summary>
    private static int IndexOfStringSpecial(ReadOnlySpan<byte> json, int p)
    {
        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<byte> quote = Vector128.Create((byte)'"');
            Vector128<byte> backslash = Vector128.Create((byte)'\\');
            Vector128<byte> space = Vector128.Create((byte)0x20);
            while (p <= json.Length - Vector128<byte>.Count)
            {
                Vector128<byte> block = Vector128.Create(json.Slice(p, Vector128<byte>.Count));

                // Unsigned: bytes of multi-byte UTF-8 sequences are not below 0x20.
                Vector128<byte> found = Vector128.Equals(block, quote) | Vector128.Equals(block, backslash) |
                    Vector128.LessThan(block, space);
                if (found != Vector128<byte>.Zero)
                {
                    return p + BitOperations.TrailingZeroCount(found.ExtractMostSignificantBits());
                }

                p += Vector128<byte>.Count;
            }
        }

        int special = json[p..].IndexOfAny(s_stringSpecials);
        return special < 0 ? -1 : p + special;
    }

    /// <summary>
    /// Skips one escape from its backslash. RFC 8259 7: only the listed escapes; RFC 7493 2.1:
    /// a <c>\u</c> surrogate escape must be half of a pair, which is what the reader's
    /// unescaping (and so every claim read) relies on not to throw.
    /// </summary>
    private static bool TrySkipEscape(ReadOnlySpan<byte> json, ref int p)
    {
        if (p + 1 >= json.Length)
        {
            return false;
        }

        byte escape = json[p + 1];
        if (escape is (byte)'"' or (byte)'\\' or (byte)'/' or
            (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t')
        {
            p += 2;
            return true;
        }

        if (escape != (byte)'u' || !TryReadHex4(json, p + 2, out int unit) || unit is >= 0xDC00 and <= 0xDFFF)
        {
            return false;
        }

        p += 6;
        if (unit is < 0xD800 or > 0xDBFF)
        {
            return true;
        }

        // A high surrogate must be followed at once by an escaped low surrogate.
        if (p + 1 >= json.Length || json[p] != (byte)'\\' || json[p + 1] != (byte)'u' ||
            !TryReadHex4(json, p + 2, out int low) || low is < 0xDC00 or > 0xDFFF)
        {
            return false;
        }

        p += 6;
        return true;
    }

    private static bool TryReadHex4(ReadOnlySpan<byte> json, int start, out int value)
    {
        value = 0;
        if (start + 4 > json.Length)
        {
            return false;
        }

        for (int k = start; k < start + 4; k++)
        {
            int digit = HexDigit(json[k]);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        return true;
    }

    private static int HexDigit(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    private static int SkipDigits(ReadOnlySpan<byte> json, int p)
    {
        while (p < json.Length && char.IsAsciiDigit((char)json[p]))
        {
            p++;
        }

        return p;
    }

    private static int SkipWhiteSpace(ReadOnlySpan<byte> json, int i)
    {
        // RFC 8259 2: space, tab, line feed and carriage return, nothing else.
        while (i < json.Length && json[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            i++;
        }

        return i;
    }
}
