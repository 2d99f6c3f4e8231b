using System.Buffers;

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
/// A strict, allocation-free well-formedness check of JSON text (RFC 8259), run before
/// <see cref="System.Text.Json.Utf8JsonReader"/> sees a header or payload.
/// </summary>
/// <remarks>
/// The reader reports bad syntax only by throwing, and its unescaping throws on a lone
/// surrogate escape. A hostile header could thus make every rejection cost an exception (and
/// its allocations) before any signature is checked, and a lone <c>\uD800</c> in a
/// <c>kid</c> used to escape the validator as an <see cref="InvalidOperationException"/>.
/// Text that passes <see cref="Check"/> never makes the reader throw. The check is as strict
/// as the reader with comments and trailing commas disallowed (a byte order mark included),
/// and stricter in one way: it refuses escaped lone surrogates (RFC 7493 2.1), which the
/// reader tokenizes but cannot unescape.
/// The payload is read only after its signature verified, so it gets the cheaper
/// <see cref="HasWellFormedEscapes"/> and leaves its syntax to the reader.
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
        // One bit per open container: set for an object, clear for an array.
        Span<ulong> objects = stackalloc ulong[DepthWords];
        int depth = 0;
        int i = 0;
        bool afterValue = false;
        while (true)
        {
            i = SkipWhiteSpace(json, i);
            if (afterValue)
            {
                // A value ended: the document ends, or its container continues or closes.
                if (depth == 0)
                {
                    return i == json.Length ? JsonSyntaxStatus.WellFormed : JsonSyntaxStatus.Malformed;
                }

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

    /// <summary>
    /// Checks only the escapes of JSON text whose syntax the reader will judge: every
    /// <c>\u</c> escape has four hex digits and surrogates come in pairs. A scan for the
    /// backslash makes this nearly free for text without escapes.
    /// </summary>
    /// <param name="json">UTF-8 JSON text.</param>
    /// <returns>
    /// <see langword="false"/> when an escape is bad. Only meaningful for text the reader then
    /// accepts: in well-formed JSON every backslash starts or ends an escape.
    /// </returns>
    public static bool HasWellFormedEscapes(ReadOnlySpan<byte> json)
    {
        int p = json.IndexOf((byte)'\\');
        while (p >= 0)
        {
            if (!TrySkipEscape(json, ref p))
            {
                return false;
            }

            int next = json[p..].IndexOf((byte)'\\');
            p = next < 0 ? -1 : p + next;
        }

        return true;
    }

    /// <summary>Skips <c>"name" :</c> and the white space around it.</summary>
    private static bool TrySkipMemberName(ReadOnlySpan<byte> json, ref int i)
    {
        i = SkipWhiteSpace(json, i);
        if (i == json.Length || json[i] != (byte)'"' || !TrySkipString(json, ref i))
        {
            return false;
        }

        i = SkipWhiteSpace(json, i);
        if (i == json.Length || json[i] != (byte)':')
        {
            return false;
        }

        i++;
        return true;
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
    private static bool TrySkipString(ReadOnlySpan<byte> json, ref int i)
    {
        int p = i + 1;
        while (true)
        {
            int special = json[p..].IndexOfAny(s_stringSpecials);
            if (special < 0)
            {
                return false;
            }

            p += special;
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
        }
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
