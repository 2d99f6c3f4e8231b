using System.Text.Json;

namespace FastToken;

public sealed partial class JwtValidator
{
    /// <summary>
    /// Reads the JOSE header (RFC 7515 4.1): <c>alg</c>, <c>kid</c>, <c>typ</c>, <c>crit</c>
    /// and <c>b64</c>. Embedded keys and key URLs (<c>jwk</c>, <c>jku</c>, <c>x5u</c>,
    /// <c>x5c</c>) are read past and never used to pick a key (RFC 8725 3.10).
    /// </summary>
    /// <remarks>
    /// One strict pass checks the syntax while it reads the members. Bad syntax anywhere wins
    /// over a bad member, and the first bad member over the ones after it, so the verdict does
    /// not depend on how far a hostile header gets.
    /// </remarks>
    private TokenStatus ReadHeader(ValidationContext context)
    {
        ReadOnlySpan<byte> header = context.Header;
        int offset = context.HeaderStart;
        int i = 0;
        if (!JsonSyntax.TryOpenObject(header, ref i, out bool empty))
        {
            return TokenStatus.Malformed;
        }

        Span<(int Start, int Length)> names = stackalloc (int, int)[MaxHeaderMembers];
        int count = 0;
        TokenStatus verdict = TokenStatus.Valid;
        bool closed = empty;
        while (!closed)
        {
            if (!JsonSyntax.TryScanMemberName(header, ref i, out int rawName, out int nameLength, out bool nameEscaped))
            {
                return TokenStatus.Malformed;
            }

            int valueStart = i;
            JsonSyntaxStatus syntax = JsonSyntax.ScanValue(
                header, ref i, _readerOptions.MaxDepth - 1, out JsonTokenType type, out bool valueEscaped);
            if (syntax != JsonSyntaxStatus.WellFormed)
            {
                return syntax == JsonSyntaxStatus.TooDeep ? TokenStatus.TooLarge : TokenStatus.Malformed;
            }

            int valueLength = i - valueStart;
            if (!JsonSyntax.TryScanMemberEnd(header, ref i, out closed))
            {
                return TokenStatus.Malformed;
            }

            if (verdict != TokenStatus.Valid)
            {
                continue;
            }

            if (count == MaxHeaderMembers)
            {
                verdict = TokenStatus.TooLarge;
                continue;
            }

            int nameStart = offset + rawName;
            if (nameEscaped && !context.TryLocateUnescaped(nameStart, nameLength, out nameStart, out nameLength))
            {
                return TokenStatus.Malformed;
            }

            ReadOnlySpan<byte> name = context.Buffer.AsSpan(nameStart, nameLength);
            for (int k = 0; k < count; k++)
            {
                if (name.SequenceEqual(context.Buffer.AsSpan(names[k].Start, names[k].Length)))
                {
                    verdict = TokenStatus.DuplicateMember;
                    break;
                }
            }

            if (verdict == TokenStatus.Valid)
            {
                names[count++] = (nameStart, nameLength);
                HeaderValue value = new(type, offset + valueStart, valueLength, valueEscaped);
                verdict = ReadHeaderMember(context, name, value);
            }
        }

        if (!JsonSyntax.IsAtEnd(header, i))
        {
            return TokenStatus.Malformed;
        }

        if (verdict != TokenStatus.Valid)
        {
            return verdict;
        }

        return context.Algorithm == JwtAlgorithm.Unknown ? TokenStatus.HeaderInvalid : TokenStatus.Valid;
    }

    private static TokenStatus ReadHeaderMember(ValidationContext context, ReadOnlySpan<byte> name, HeaderValue value)
    {
        if (name.SequenceEqual("alg"u8))
        {
            if (value.Type != JsonTokenType.String || !value.TryLocateText(context, out int start, out int length))
            {
                return TokenStatus.HeaderInvalid;
            }

            // "none" in any spelling, and any unknown name, is refused.
            context.Algorithm = JwtAlgorithms.FromUtf8(context.Buffer.AsSpan(start, length));
            return context.Algorithm == JwtAlgorithm.Unknown ? TokenStatus.AlgorithmNotAllowed : TokenStatus.Valid;
        }

        if (name.SequenceEqual("kid"u8))
        {
            return value.Type == JsonTokenType.String &&
                value.TryLocateText(context, out context.KeyIdStart, out context.KeyIdLength)
                ? TokenStatus.Valid
                : TokenStatus.HeaderInvalid;
        }

        if (name.SequenceEqual("typ"u8))
        {
            return value.Type == JsonTokenType.String &&
                value.TryLocateText(context, out context.TypeStart, out context.TypeLength)
                ? TokenStatus.Valid
                : TokenStatus.HeaderInvalid;
        }

        if (name.SequenceEqual("crit"u8))
        {
            // RFC 7515 4.1.11: a non-empty array of extension names the recipient must understand.
            // FastToken implements no extension, so any well-formed crit is refused.
            return value.Type == JsonTokenType.StartArray
                ? TokenStatus.CriticalHeaderUnsupported
                : TokenStatus.HeaderInvalid;
        }

        if (name.SequenceEqual("b64"u8))
        {
            // RFC 7797: an unencoded payload is never a JWT.
            return value.Type == JsonTokenType.True ? TokenStatus.Valid : TokenStatus.HeaderInvalid;
        }

        return TokenStatus.Valid;
    }

    /// <summary>A header member's value, as scanned: its kind and where its raw text lies.</summary>
    /// <param name="Type">The kind of value.</param>
    /// <param name="Start">Where the raw value starts in the context's buffer (a string's quote).</param>
    /// <param name="Length">The raw value's length, quotes included.</param>
    /// <param name="Escaped">Whether a string value has escapes.</param>
    private readonly record struct HeaderValue(JsonTokenType Type, int Start, int Length, bool Escaped)
    {
        /// <summary>A string value's text, unescaped into scratch space when it has escapes.</summary>
        public bool TryLocateText(ValidationContext context, out int start, out int length)
        {
            start = Start + 1;
            length = Length - 2;
            return !Escaped || context.TryLocateUnescaped(start, length, out start, out length);
        }
    }
}
