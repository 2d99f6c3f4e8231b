using System.Text.Json;

namespace FastToken;

public sealed partial class JwtValidator
{
    /// <summary>
    /// One pass over the claims set (RFC 7519 4): records every member in the claim table,
    /// refuses duplicates, checks the registered claims' types, matches <c>iss</c> and
    /// <c>aud</c>, shows each member to the visitor, and finally judges the lifetime.
    /// </summary>
    private TokenStatus ReadClaims<TVisitor>(ValidationContext context, ref TVisitor visitor)
        where TVisitor : IJwtClaimVisitor, allows ref struct
    {
        ReadOnlySpan<byte> payload = context.Payload;
        int offset = context.PayloadStart;
        bool issuerMatched = false;
        bool audienceMatched = false;

        // A 128-bit filter over name shapes makes the duplicate check linear in practice.
        ulong seenLow = 0;
        ulong seenHigh = 0;

        Utf8JsonReader reader = new(payload, _readerOptions);
        try
        {
            // RFC 7519 7.2 step 10: the payload must be a JSON object.
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return TokenStatus.NotJwt;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (context.ClaimCount == _maxClaimCount)
                {
                    return TokenStatus.TooLarge;
                }

                ref ClaimEntry entry = ref context.AddClaim();
                if (!TryLocateText(context, ref reader, offset, out entry.NameStart, out entry.NameLength))
                {
                    return TokenStatus.Malformed;
                }

                ReadOnlySpan<byte> name = context.Buffer.AsSpan(entry.NameStart, entry.NameLength);
                if (IsDuplicate(context, name, ref seenLow, ref seenHigh))
                {
                    return TokenStatus.DuplicateMember;
                }

                reader.Read();
                entry.Type = reader.TokenType;
                int valueOffset = (int)reader.TokenStartIndex;
                if (entry.Type == JsonTokenType.String)
                {
                    entry.ValueStart = offset + valueOffset + 1;
                    entry.ValueLength = reader.ValueSpan.Length;
                    entry.ValueEscaped = reader.ValueIsEscaped;
                }
                else
                {
                    entry.ValueStart = offset + valueOffset;
                    entry.ValueLength = reader.ValueSpan.Length;
                    entry.ValueEscaped = false;
                }

                if (name.Length == 3)
                {
                    TokenStatus status = ReadRegisteredClaim(
                        context, name, ref reader, ref issuerMatched, ref audienceMatched);
                    if (status != TokenStatus.Valid)
                    {
                        return status;
                    }
                }

                // The visitor reads a copy, so whatever it consumes, this pass stays in place.
                Utf8JsonReader copy = reader;
                visitor.VisitClaim(name, ref copy, valueOffset);

                if (entry.Type is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                    entry.ValueLength = offset + (int)reader.TokenStartIndex + 1 - entry.ValueStart;
                }
            }

            if (reader.Read())
            {
                return TokenStatus.Malformed;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // The signature verified, so only the key's holder reaches this: the payload's syntax
            // is left to the reader rather than checked twice on every valid token, and the
            // strict check runs only now, to tell nesting too deep from bad syntax.
            // Known cost: this one rejection allocates (the exception, about 1.4 KB). Checking
            // every payload up front would avoid it at roughly an eighth of an HS256 validation.
            return JsonSyntax.Check(payload, _readerOptions.MaxDepth) == JsonSyntaxStatus.TooDeep
                ? TokenStatus.TooLarge
                : TokenStatus.Malformed;
        }

        return JudgeClaims(context, issuerMatched, audienceMatched);
    }

    private TokenStatus ReadRegisteredClaim(
        ValidationContext context,
        ReadOnlySpan<byte> name,
        ref Utf8JsonReader reader,
        ref bool issuerMatched,
        ref bool audienceMatched)
    {
        int index = context.ClaimCount - 1;
        switch (name[0])
        {
            case (byte)'e' when name.SequenceEqual("exp"u8):
                return TryReadNumericDate(ref reader, out context.ExpiresAt);
            case (byte)'n' when name.SequenceEqual("nbf"u8):
                return TryReadNumericDate(ref reader, out context.NotBefore);
            case (byte)'i' when name.SequenceEqual("iat"u8):
                return TryReadNumericDate(ref reader, out context.IssuedAt);
            case (byte)'i' when name.SequenceEqual("iss"u8):
                if (reader.TokenType != JsonTokenType.String)
                {
                    return TokenStatus.ClaimInvalid;
                }

                context.Issuer = index;
                issuerMatched = MatchesAny(ref reader, _issuers);
                return TokenStatus.Valid;
            case (byte)'a' when name.SequenceEqual("aud"u8):
                context.Audience = index;
                return ReadAudience(ref reader, ref audienceMatched);
            case (byte)'s' when name.SequenceEqual("sub"u8):
                context.Subject = index;
                return reader.TokenType == JsonTokenType.String ? TokenStatus.Valid : TokenStatus.ClaimInvalid;
            case (byte)'j' when name.SequenceEqual("jti"u8):
                context.JwtId = index;
                return reader.TokenType == JsonTokenType.String ? TokenStatus.Valid : TokenStatus.ClaimInvalid;
            default:
                return TokenStatus.Valid;
        }
    }

    /// <summary>RFC 7519 4.1.3: one string, or an array of strings of which any may match.</summary>
    private TokenStatus ReadAudience(ref Utf8JsonReader reader, ref bool matched)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            matched = MatchesAny(ref reader, _audiences);
            return TokenStatus.Valid;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return TokenStatus.ClaimInvalid;
        }

        Utf8JsonReader items = reader;
        while (items.Read() && items.TokenType != JsonTokenType.EndArray)
        {
            if (items.TokenType != JsonTokenType.String)
            {
                return TokenStatus.ClaimInvalid;
            }

            matched |= MatchesAny(ref items, _audiences);
        }

        return TokenStatus.Valid;
    }

    private static bool MatchesAny(ref Utf8JsonReader reader, byte[][] accepted)
    {
        // ValueTextEquals compares the unescaped text, ordinally (RFC 7519 4.1.1, 4.1.3).
        foreach (byte[] value in accepted)
        {
            if (reader.ValueTextEquals(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>RFC 7519 2: a NumericDate is a JSON number, integer or not; a string is refused.</summary>
    private static TokenStatus TryReadNumericDate(ref Utf8JsonReader reader, out double value)
    {
        // Issuers write whole seconds: an integer parses several times faster than a double,
        // and converting it rounds exactly as parsing the same digits as a double would.
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long seconds))
        {
            value = seconds;
            return TokenStatus.Valid;
        }

        value = double.NaN;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out value) || !double.IsFinite(value))
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
