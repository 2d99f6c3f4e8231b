using System.ComponentModel;
using System.Text;

namespace FastToken.Policies;

/// <summary>
/// The token rules a policy adds to the validator's, in one place so that generated policies
/// and <see cref="TokenPolicy"/> judge alike. Meant for generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PolicyChecks
{
    private static ReadOnlySpan<byte> ApplicationPrefix => "application/"u8;

    /// <summary>The current time of <paramref name="validator"/>'s clock, in seconds since the epoch.</summary>
    /// <param name="validator">The validator.</param>
    /// <returns>The time, with millisecond precision as the validator uses it.</returns>
    public static double Now(JwtValidator validator) =>
        validator.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>
    /// Whether the header <c>typ</c> names the required media type: case-insensitively, and
    /// with <c>application/</c> optional on either side (RFC 7515 4.1.9).
    /// </summary>
    /// <param name="type">The token's <c>typ</c>, unescaped; empty when absent.</param>
    /// <param name="required">The required type.</param>
    /// <returns>Whether they match; <see langword="false"/> for an absent <c>typ</c>.</returns>
    public static bool TypeMatches(ReadOnlySpan<byte> type, ReadOnlySpan<byte> required)
    {
        if (type.IsEmpty)
        {
            return false;
        }

        return Ascii.EqualsIgnoreCase(WithoutPrefix(type), WithoutPrefix(required));
    }

    /// <summary>
    /// Judges <c>exp</c> and <c>nbf</c> again with the policy's skew (RFC 7519 4.1.4, 4.1.5).
    /// The validator has judged them with its own; the smaller skew wins.
    /// </summary>
    /// <param name="token">A valid result.</param>
    /// <param name="now">The current time in seconds since the epoch.</param>
    /// <param name="skewSeconds">The policy's skew.</param>
    /// <returns>
    /// <see cref="TokenStatus.Valid"/>, <see cref="TokenStatus.Expired"/> or <see cref="TokenStatus.NotYetValid"/>.
    /// </returns>
    public static TokenStatus CheckLifetime(in JwtValidationResult token, double now, double skewSeconds)
    {
        ValidationContext context = token.Context;
        if (!double.IsNaN(context.ExpiresAt) && now >= context.ExpiresAt + skewSeconds)
        {
            return TokenStatus.Expired;
        }

        if (!double.IsNaN(context.NotBefore) && now < context.NotBefore - skewSeconds)
        {
            return TokenStatus.NotYetValid;
        }

        return TokenStatus.Valid;
    }

    /// <summary>
    /// Whether the token's age, from <c>iat</c> (RFC 7519 4.1.6), is within the maximum. A token
    /// without <c>iat</c> fails, and so does one issued later than <paramref name="now"/> plus the skew.
    /// </summary>
    /// <param name="token">A valid result.</param>
    /// <param name="now">The current time in seconds since the epoch.</param>
    /// <param name="maxAgeSeconds">The oldest acceptable age.</param>
    /// <param name="skewSeconds">The tolerance for disagreeing clocks.</param>
    /// <returns>Whether the age is acceptable.</returns>
    public static bool IsAgeAcceptable(
        in JwtValidationResult token,
        double now,
        double maxAgeSeconds,
        double skewSeconds)
    {
        double issuedAt = token.Context.IssuedAt;
        if (double.IsNaN(issuedAt))
        {
            return false;
        }

        double age = now - issuedAt;
        return age <= maxAgeSeconds + skewSeconds && age >= -skewSeconds;
    }

    private static ReadOnlySpan<byte> WithoutPrefix(ReadOnlySpan<byte> type) =>
        type.Length >= ApplicationPrefix.Length &&
        Ascii.EqualsIgnoreCase(type[..ApplicationPrefix.Length], ApplicationPrefix)
            ? type[ApplicationPrefix.Length..]
            : type;
}
