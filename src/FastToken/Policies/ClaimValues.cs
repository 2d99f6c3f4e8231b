using System.ComponentModel;
using System.Text.Json;

namespace FastToken.Policies;

/// <summary>
/// Reads claim values the way policies read them: during the validation pass from the reader,
/// and afterwards from the result by where the value starts (or, for code generated before
/// visitors chose their claims, by claim position). Meant for generated code; shared with
/// <see cref="TokenPolicy"/> so that both read alike.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ClaimValues
{
    /// <summary>
    /// Moves an array reader to its next string member, passing over members of other types.
    /// </summary>
    /// <param name="array">A reader on <see cref="JsonTokenType.StartArray"/> or on a member of that array.</param>
    /// <returns>Whether a string member was found; <see langword="false"/> at the end of the array.</returns>
    public static bool NextString(ref Utf8JsonReader array)
    {
        while (array.Read() && array.TokenType != JsonTokenType.EndArray)
        {
            if (array.TokenType == JsonTokenType.String)
            {
                return true;
            }

            // A nested object or array is one member; step over it whole.
            if (array.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                array.Skip();
            }
        }

        return false;
    }

    /// <summary>Reads an integer value that fits in 64 bits.</summary>
    /// <param name="value">A reader on the value.</param>
    /// <param name="result">The integer.</param>
    /// <returns>Whether the value is such an integer; <c>1.0</c> and <c>1e0</c> are not.</returns>
    public static bool TryGetInt64(ref Utf8JsonReader value, out long result)
    {
        result = 0;
        return value.TokenType == JsonTokenType.Number && value.TryGetInt64(out result);
    }

    /// <summary>Reads a <c>true</c> or <c>false</c> value.</summary>
    /// <param name="value">A reader on the value.</param>
    /// <param name="result">The boolean.</param>
    /// <returns>Whether the value is a boolean.</returns>
    public static bool TryGetBoolean(ref Utf8JsonReader value, out bool result)
    {
        result = value.TokenType == JsonTokenType.True;
        return value.TokenType is JsonTokenType.True or JsonTokenType.False;
    }

    /// <summary>Reads a NumericDate (RFC 7519 2): a finite number of seconds since the epoch.</summary>
    /// <param name="value">A reader on the value.</param>
    /// <param name="result">The instant, clamped to the range of <see cref="DateTimeOffset"/>.</param>
    /// <returns>Whether the value is a finite number.</returns>
    public static bool TryGetNumericDate(ref Utf8JsonReader value, out DateTimeOffset result)
    {
        result = default;
        if (value.TokenType != JsonTokenType.Number ||
            !value.TryGetDouble(out double seconds) ||
            !double.IsFinite(seconds))
        {
            return false;
        }

        result = NumericDate.ToDateTimeOffset(seconds)!.Value;
        return true;
    }

    /// <summary>Reads a captured string claim from a result.</summary>
    /// <remarks>
    /// By claim position, as policies compiled by generators before visitors named their
    /// claims keep captures; newer ones keep value offsets (<see cref="GetStringAt"/>). Kept
    /// so that such compiled code still runs; to go at the next major version.
    /// </remarks>
    /// <param name="token">The result the claim was captured from.</param>
    /// <param name="claim">One more than the claim's position in the claims set; 0 when it was absent.</param>
    /// <returns>The unescaped UTF-8 value; empty when absent or not a string.</returns>
    /// <exception cref="ObjectDisposedException">The result was disposed.</exception>
    public static ReadOnlySpan<byte> GetString(JwtValidationResult token, int claim)
    {
        if (claim <= 0)
        {
            return default;
        }

        return new JwtClaim(token.Context, claim - 1).TryGetString(out ReadOnlySpan<byte> value) ? value : default;
    }

    /// <summary>Reads a captured claim that is a string or an array of strings.</summary>
    /// <remarks>
    /// By claim position, as policies compiled by generators before visitors named their
    /// claims keep captures; newer ones keep value offsets (<see cref="GetStringArrayAt"/>). Kept
    /// so that such compiled code still runs; to go at the next major version.
    /// </remarks>
    /// <param name="token">The result the claim was captured from.</param>
    /// <param name="claim">One more than the claim's position in the claims set; 0 when it was absent.</param>
    /// <returns>The strings; empty when absent, or neither a string nor an array of only strings.</returns>
    /// <exception cref="ObjectDisposedException">The result was disposed.</exception>
    public static JwtStringArray GetStringArray(JwtValidationResult token, int claim)
    {
        if (claim <= 0)
        {
            return default;
        }

        return new JwtClaim(token.Context, claim - 1).TryGetStringArray(out JwtStringArray values) ? values : default;
    }

    /// <summary>Reads a captured string claim from a result, by where its value starts.</summary>
    /// <param name="token">The result the claim was captured from.</param>
    /// <param name="valueOffset">
    /// One more than the value's offset in the claims set, as <see cref="IJwtClaimVisitor.VisitClaim"/>
    /// was given it; 0 when the claim was absent.
    /// </param>
    /// <returns>The unescaped UTF-8 value; empty when absent or not a string.</returns>
    /// <exception cref="ObjectDisposedException">The result was disposed.</exception>
    public static ReadOnlySpan<byte> GetStringAt(JwtValidationResult token, int valueOffset) =>
        TryFindClaimAt(token, valueOffset, out JwtClaim claim) && claim.TryGetString(out ReadOnlySpan<byte> value)
            ? value
            : default;

    /// <summary>Reads a captured claim that is a string or an array of strings, by where its value starts.</summary>
    /// <param name="token">The result the claim was captured from.</param>
    /// <param name="valueOffset">
    /// One more than the value's offset in the claims set, as <see cref="IJwtClaimVisitor.VisitClaim"/>
    /// was given it; 0 when the claim was absent.
    /// </param>
    /// <returns>The strings; empty when absent, or neither a string nor an array of only strings.</returns>
    /// <exception cref="ObjectDisposedException">The result was disposed.</exception>
    public static JwtStringArray GetStringArrayAt(JwtValidationResult token, int valueOffset) =>
        TryFindClaimAt(token, valueOffset, out JwtClaim claim) && claim.TryGetStringArray(out JwtStringArray values)
            ? values
            : default;

    private static bool TryFindClaimAt(JwtValidationResult token, int valueOffset, out JwtClaim claim)
    {
        claim = default;
        if (valueOffset <= 0)
        {
            return false;
        }

        ValidationContext context = token.Context;
        int index = context.FindClaimByValueOffset(valueOffset - 1);
        if (index < 0)
        {
            return false;
        }

        claim = new JwtClaim(context, index);
        return true;
    }
}
