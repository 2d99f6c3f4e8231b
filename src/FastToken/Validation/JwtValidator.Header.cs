using System.Text.Json;

namespace FastToken;

public sealed partial class JwtValidator
{
    /// <summary>
    /// Reads the JOSE header (RFC 7515 4.1): <c>alg</c>, <c>kid</c>, <c>typ</c>, <c>crit</c>
    /// and <c>b64</c>. Embedded keys and key URLs (<c>jwk</c>, <c>jku</c>, <c>x5u</c>,
    /// <c>x5c</c>) are read past and never used to pick a key (RFC 8725 3.10).
    /// </summary>
    private TokenStatus ReadHeader(ValidationContext context)
    {
        // Checked first so that the reader below never throws on a hostile header.
        JsonSyntaxStatus syntax = JsonSyntax.Check(context.Header, _readerOptions.MaxDepth);
        if (syntax != JsonSyntaxStatus.WellFormed)
        {
            return syntax == JsonSyntaxStatus.TooDeep ? TokenStatus.TooLarge : TokenStatus.Malformed;
        }

        Span<(int Start, int Length)> names = stackalloc (int, int)[MaxHeaderMembers];
        int count = 0;
        Utf8JsonReader reader = new(context.Header, _readerOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return TokenStatus.Malformed;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (count == MaxHeaderMembers)
                {
                    return TokenStatus.TooLarge;
                }

                if (!TryLocateText(context, ref reader, context.HeaderStart, out int nameStart, out int nameLength))
                {
                    return TokenStatus.Malformed;
                }

                ReadOnlySpan<byte> name = context.Buffer.AsSpan(nameStart, nameLength);
                for (int i = 0; i < count; i++)
                {
                    if (name.SequenceEqual(context.Buffer.AsSpan(names[i].Start, names[i].Length)))
                    {
                        return TokenStatus.DuplicateMember;
                    }
                }

                names[count++] = (nameStart, nameLength);
                reader.Read();
                TokenStatus status = ReadHeaderMember(context, name, ref reader);
                if (status != TokenStatus.Valid)
                {
                    return status;
                }
            }

            // Nothing may follow the object.
            if (reader.Read())
            {
                return TokenStatus.Malformed;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // A backstop: JsonSyntax.Check has refused whatever would make the reader throw.
            return TokenStatus.Malformed;
        }

        return context.Algorithm == JwtAlgorithm.Unknown ? TokenStatus.HeaderInvalid : TokenStatus.Valid;
    }

    private static TokenStatus ReadHeaderMember(
        ValidationContext context,
        ReadOnlySpan<byte> name,
        ref Utf8JsonReader reader)
    {
        if (name.SequenceEqual("alg"u8))
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                return TokenStatus.HeaderInvalid;
            }

            // Every supported name is five bytes, escaped at most six bytes a character; "none"
            // in any spelling, and any unknown name, is refused.
            Span<byte> alg = stackalloc byte[32];
            if (reader.ValueSpan.Length > alg.Length)
            {
                return TokenStatus.AlgorithmNotAllowed;
            }

            int length = reader.CopyString(alg);

            context.Algorithm = JwtAlgorithms.FromUtf8(alg[..length]);
            return context.Algorithm == JwtAlgorithm.Unknown ? TokenStatus.AlgorithmNotAllowed : TokenStatus.Valid;
        }

        if (name.SequenceEqual("kid"u8))
        {
            if (reader.TokenType != JsonTokenType.String ||
                !TryLocateText(
                    context, ref reader, context.HeaderStart, out context.KeyIdStart, out context.KeyIdLength))
            {
                return TokenStatus.HeaderInvalid;
            }

            return TokenStatus.Valid;
        }

        if (name.SequenceEqual("typ"u8))
        {
            if (reader.TokenType != JsonTokenType.String ||
                !TryLocateText(context, ref reader, context.HeaderStart, out context.TypeStart, out context.TypeLength))
            {
                return TokenStatus.HeaderInvalid;
            }

            return TokenStatus.Valid;
        }

        if (name.SequenceEqual("crit"u8))
        {
            // RFC 7515 4.1.11: a non-empty array of extension names the recipient must understand.
            // FastToken implements no extension, so any well-formed crit is refused.
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return TokenStatus.HeaderInvalid;
            }

            reader.Skip();
            return TokenStatus.CriticalHeaderUnsupported;
        }

        if (name.SequenceEqual("b64"u8))
        {
            // RFC 7797: an unencoded payload is never a JWT.
            return reader.TokenType == JsonTokenType.True ? TokenStatus.Valid : TokenStatus.HeaderInvalid;
        }

        reader.Skip();
        return TokenStatus.Valid;
    }

    /// <summary>
    /// The position of a property name or string value, unescaped into scratch space when it
    /// has escapes.
    /// </summary>
    private static bool TryLocateText(
        ValidationContext context,
        ref Utf8JsonReader reader,
        int offset,
        out int start,
        out int length)
    {
        if (reader.ValueIsEscaped)
        {
            return context.TryUnescape(ref reader, out start, out length);
        }

        start = offset + (int)reader.TokenStartIndex + 1;
        length = reader.ValueSpan.Length;
        return true;
    }
}
