using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace FastToken;

public sealed partial class JwtValidator
{
    /// <summary>
    /// One pass over the claims set (RFC 7519 4): checks its syntax, records every member in the
    /// claim table, refuses duplicates, checks the registered claims' types, matches <c>iss</c>
    /// and <c>aud</c>, shows the visitor each member it wants, and finally judges the lifetime.
    /// </summary>
    /// <remarks>
    /// The scan is as strict as <see cref="Utf8JsonReader"/> with comments and trailing commas
    /// disallowed, and stricter on lone surrogate escapes, which it refuses; it never throws
    /// and never allocates. Verdicts come in document order, as a reader's would.
    /// </remarks>
    private TokenStatus ReadClaims<TVisitor>(ValidationContext context, ref TVisitor visitor)
        where TVisitor : IJwtClaimVisitor, allows ref struct
    {
        ReadOnlySpan<byte> payload = context.Payload;
        int offset = context.PayloadStart;
        int valueDepth = _readerOptions.MaxDepth - 1;
        bool issuerMatched = false;
        bool audienceMatched = false;

        // A 128-bit filter over name shapes makes the duplicate check linear in practice.
        ulong seenLow = 0;
        ulong seenHigh = 0;

        // RFC 7519 7.2 step 10: the payload must be a JSON object.
        int i = 0;
        if (!JsonSyntax.TryOpenObject(payload, ref i, out bool closed))
        {
            return TokenStatus.NotJwt;
        }

        while (!closed)
        {
            if (!JsonSyntax.TryScanMemberName(
                payload, ref i, out int rawName, out int nameLength, out bool nameEscaped))
            {
                return TokenStatus.Malformed;
            }

            if (context.ClaimCount == _maxClaimCount)
            {
                return TokenStatus.TooLarge;
            }

            ref ClaimEntry entry = ref context.AddClaim();
            entry.NameStart = offset + rawName;
            entry.NameLength = nameLength;
            if (nameEscaped &&
                !context.TryLocateUnescaped(entry.NameStart, nameLength, out entry.NameStart, out entry.NameLength))
            {
                return TokenStatus.Malformed;
            }

            ReadOnlySpan<byte> name = context.Buffer.AsSpan(entry.NameStart, entry.NameLength);
            if (IsDuplicate(context, name, ref seenLow, ref seenHigh))
            {
                return TokenStatus.DuplicateMember;
            }

            int valueOffset = i;
            JsonSyntaxStatus syntax = JsonSyntax.ScanValue(
                payload, ref i, valueDepth, out entry.Type, out bool escaped);
            if (syntax != JsonSyntaxStatus.WellFormed)
            {
                return syntax == JsonSyntaxStatus.TooDeep ? TokenStatus.TooLarge : TokenStatus.Malformed;
            }

            // A string is recorded without its quotes; any other value as its whole text.
            bool isString = entry.Type == JsonTokenType.String;
            entry.ValueStart = offset + valueOffset + (isString ? 1 : 0);
            entry.ValueLength = i - valueOffset - (isString ? 2 : 0);
            entry.ValueEscaped = escaped;

            if (name.Length == 3)
            {
                TokenStatus status = ReadRegisteredClaim(
                    context, name, in entry, ref issuerMatched, ref audienceMatched);
                if (status != TokenStatus.Valid)
                {
                    return status;
                }
            }

            if (TVisitor.WantsClaim(name))
            {
                TokenStatus status = Visit(ref visitor, name, payload[valueOffset..i], valueOffset);
                if (status != TokenStatus.Valid)
                {
                    return status;
                }
            }

            if (!JsonSyntax.TryScanMemberEnd(payload, ref i, out closed))
            {
                return TokenStatus.Malformed;
            }
        }

        // Nothing may follow the object.
        if (!JsonSyntax.IsAtEnd(payload, i))
        {
            return TokenStatus.Malformed;
        }

        return JudgeClaims(context, issuerMatched, audienceMatched);
    }

    /// <summary>
    /// Shows one claim to the visitor, through a reader over the value alone (positioned on it),
    /// so that whatever the visitor reads, the pass stays in place.
    /// </summary>
    private TokenStatus Visit<TVisitor>(
        ref TVisitor visitor,
        ReadOnlySpan<byte> name,
        ReadOnlySpan<byte> value,
        int valueOffset)
        where TVisitor : IJwtClaimVisitor, allows ref struct
    {
        Utf8JsonReader reader = new(value, _readerOptions);
        try
        {
            // The scan has found the value well-formed, so the reader reads it without complaint.
            reader.Read();
            visitor.VisitClaim(name, ref reader, valueOffset);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // A visitor that reads a value as what it is not (a number as a string, say).
            return TokenStatus.Malformed;
        }

        return TokenStatus.Valid;
    }

    private TokenStatus ReadRegisteredClaim(
        ValidationContext context,
        ReadOnlySpan<byte> name,
        in ClaimEntry entry,
        ref bool issuerMatched,
        ref bool audienceMatched)
    {
        int index = context.ClaimCount - 1;
        switch (name[0])
        {
            case (byte)'e' when name.SequenceEqual("exp"u8):
                return TryReadNumericDate(context, in entry, out context.ExpiresAt);
            case (byte)'n' when name.SequenceEqual("nbf"u8):
                return TryReadNumericDate(context, in entry, out context.NotBefore);
            case (byte)'i' when name.SequenceEqual("iat"u8):
                return TryReadNumericDate(context, in entry, out context.IssuedAt);
            case (byte)'i' when name.SequenceEqual("iss"u8):
                if (entry.Type != JsonTokenType.String)
                {
                    return TokenStatus.ClaimInvalid;
                }

                context.Issuer = index;
                issuerMatched = MatchesAny(context.GetString(in entry), _issuers);
                return TokenStatus.Valid;
            case (byte)'a' when name.SequenceEqual("aud"u8):
                context.Audience = index;
                return ReadAudience(context, in entry, ref audienceMatched);
            case (byte)'s' when name.SequenceEqual("sub"u8):
                context.Subject = index;
                return entry.Type == JsonTokenType.String ? TokenStatus.Valid : TokenStatus.ClaimInvalid;
            case (byte)'j' when name.SequenceEqual("jti"u8):
                context.JwtId = index;
                return entry.Type == JsonTokenType.String ? TokenStatus.Valid : TokenStatus.ClaimInvalid;
            default:
                return TokenStatus.Valid;
        }
    }

    /// <summary>RFC 7519 4.1.3: one string, or an array of strings of which any may match.</summary>
    private TokenStatus ReadAudience(ValidationContext context, in ClaimEntry entry, ref bool matched)
    {
        if (entry.Type == JsonTokenType.String)
        {
            matched = MatchesAny(context.GetString(in entry), _audiences);
            return TokenStatus.Valid;
        }

        if (entry.Type != JsonTokenType.StartArray)
        {
            return TokenStatus.ClaimInvalid;
        }

        ReadOnlySpan<byte> array = context.Buffer.AsSpan(entry.ValueStart, entry.ValueLength);
        int i = 0;
        while (true)
        {
            switch (JsonSyntax.NextArrayString(array, ref i, out int start, out int length, out bool escaped))
            {
                case JsonTokenType.EndArray:
                    return TokenStatus.Valid;
                case JsonTokenType.String:
                    matched |= MatchesAny(context.GetString(entry.ValueStart + start, length, escaped), _audiences);
                    break;
                default:
                    return TokenStatus.ClaimInvalid;
            }
        }
    }

    /// <summary>Compares unescaped text ordinally (RFC 7519 4.1.1, 4.1.3).</summary>
    private static bool MatchesAny(ReadOnlySpan<byte> text, byte[][] accepted)
    {
        foreach (byte[] value in accepted)
        {
            if (text.SequenceEqual(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>RFC 7519 2: a NumericDate is a JSON number, integer or not; a string is refused.</summary>
    private static TokenStatus TryReadNumericDate(ValidationContext context, in ClaimEntry entry, out double value)
    {
        value = double.NaN;
        if (entry.Type != JsonTokenType.Number)
        {
            return TokenStatus.ClaimInvalid;
        }

        // Issuers write whole seconds: an integer parses several times faster than a double,
        // and converting it rounds exactly as parsing the same digits as a double would.
        ReadOnlySpan<byte> text = context.Buffer.AsSpan(entry.ValueStart, entry.ValueLength);
        if (Utf8Parser.TryParse(text, out long seconds, out int consumed) && consumed == text.Length)
        {
            value = seconds;
            return TokenStatus.Valid;
        }

        // The scan has checked the JSON number grammar, which the float style accepts.
        if (!double.TryParse(text, NumberStyles.Float, NumberFormatInfo.InvariantInfo, out value) ||
            !double.IsFinite(value))
        {
            value = double.NaN;
            return TokenStatus.ClaimInvalid;
        }

        return TokenStatus.Valid;
    }

    private static bool IsDuplicate(
        ValidationContext context,
        ReadOnlySpan<byte> name,
        ref ulong seenLow,
        ref ulong seenHigh)
    {
        // Past a few dozen claims the filter saturates and each name would be compared with every
        // earlier one, a quadratic pass; a hash table keeps large claim sets linear.
        int index = context.ClaimCount - 1;
        if (index >= MaxLinearDuplicateScan)
        {
            return !context.TryAddName(name, index);
        }

        int shape = name.IsEmpty ? 0 : ((name.Length * 31) + name[0] + (name[^1] * 7)) & 127;
        ulong bit = 1UL << (shape & 63);
        ref ulong seen = ref shape < 64 ? ref seenLow : ref seenHigh;
        if ((seen & bit) == 0)
        {
            seen |= bit;
            return false;
        }

        // The last entry is the one being added.
        for (int i = 0; i < index; i++)
        {
            ref ClaimEntry other = ref context.Claims[i];
            if (name.SequenceEqual(context.Buffer.AsSpan(other.NameStart, other.NameLength)))
            {
                return true;
            }
        }

        return false;
    }

    private TokenStatus JudgeClaims(ValidationContext context, bool issuerMatched, bool audienceMatched)
    {
        if (_validateIssuer && !issuerMatched)
        {
            return TokenStatus.IssuerInvalid;
        }

        if (_validateAudience && !audienceMatched)
        {
            return TokenStatus.AudienceInvalid;
        }

        if (double.IsNaN(context.ExpiresAt) && _requireExpirationTime)
        {
            return TokenStatus.ClaimMissing;
        }

        double now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

        // RFC 7519 4.1.4: the current time must be before exp; 4.1.5: not before nbf.
        if (!double.IsNaN(context.ExpiresAt) && now >= context.ExpiresAt + _clockSkewSeconds)
        {
            return TokenStatus.Expired;
        }

        if (!double.IsNaN(context.NotBefore) && now < context.NotBefore - _clockSkewSeconds)
        {
            return TokenStatus.NotYetValid;
        }

        return TokenStatus.Valid;
    }
}
