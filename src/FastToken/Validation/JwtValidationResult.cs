using System.Text.Json;

namespace FastToken;

/// <summary>
/// The outcome of <see cref="JwtValidator.Validate(ReadOnlySpan{byte})"/>: a status, and for a
/// valid token allocation-free views of its header and claims.
/// </summary>
/// <remarks>
/// The views (every <see cref="ReadOnlySpan{T}"/>, <see cref="JwtClaim"/> and
/// <see cref="JwtStringArray"/> obtained from a result) point into a pooled buffer. They
/// stay valid until the result is disposed, and must not be used after that; copy what
/// must outlive it (for example with <see cref="System.Text.Encoding.UTF8"/>). Reading a
/// result after <see cref="Dispose"/> throws <see cref="ObjectDisposedException"/>.
/// A <see langword="default"/> instance, which no validation produced, is never valid: it
/// reports <see cref="TokenStatus.Malformed"/>, so a result that was never assigned fails closed.
/// </remarks>
public readonly struct JwtValidationResult : IDisposable
{
    private readonly ValidationContext? _context;
    private readonly int _generation;
    private readonly TokenStatus _status;

    internal JwtValidationResult(TokenStatus status)
    {
        _status = status;
    }

    internal JwtValidationResult(ValidationContext context)
    {
        _status = TokenStatus.Valid;
        _context = context;
        _generation = context.Generation;
    }

    /// <summary>The status; <see cref="TokenStatus.Valid"/> for a valid token.</summary>
    public TokenStatus Status =>
        _context is null && _status == TokenStatus.Valid ? TokenStatus.Malformed : _status;

    /// <summary>Whether the token is valid; only a validation that verified a token says so.</summary>
    public bool IsValid => _context is not null;

    /// <summary>The algorithm that verified the signature.</summary>
    public JwtAlgorithm Algorithm => Context.Algorithm;

    /// <summary>The header's <c>kid</c> as unescaped UTF-8; empty when absent.</summary>
    public ReadOnlySpan<byte> KeyId => Slice(Context.KeyIdStart, Context.KeyIdLength);

    /// <summary>The header's <c>typ</c> as unescaped UTF-8; empty when absent.</summary>
    public ReadOnlySpan<byte> Type => Slice(Context.TypeStart, Context.TypeLength);

    /// <summary>The decoded JOSE header, as JSON text in UTF-8.</summary>
    public ReadOnlySpan<byte> HeaderJson => Context.Header;

    /// <summary>The decoded claims set, as JSON text in UTF-8.</summary>
    public ReadOnlySpan<byte> PayloadJson => Context.Payload;

    /// <summary>The <c>iss</c> claim as unescaped UTF-8; empty when absent.</summary>
    public ReadOnlySpan<byte> Issuer => RegisteredString(Context.Issuer);

    /// <summary>The <c>sub</c> claim as unescaped UTF-8; empty when absent.</summary>
    public ReadOnlySpan<byte> Subject => RegisteredString(Context.Subject);

    /// <summary>The <c>jti</c> claim as unescaped UTF-8; empty when absent.</summary>
    public ReadOnlySpan<byte> JwtId => RegisteredString(Context.JwtId);

    /// <summary>The <c>aud</c> claim, a string or an array, as a list of strings; empty when absent.</summary>
    public JwtStringArray Audiences
    {
        get
        {
            ValidationContext context = Context;
            return context.Audience < 0 ? default : new JwtClaim(context, context.Audience).AsStringArrayUnchecked();
        }
    }

    /// <summary>The <c>exp</c> claim, or <see langword="null"/> when absent.</summary>
    public DateTimeOffset? ExpiresAt => NumericDate.ToDateTimeOffset(Context.ExpiresAt);

    /// <summary>The <c>nbf</c> claim, or <see langword="null"/> when absent.</summary>
    public DateTimeOffset? NotBefore => NumericDate.ToDateTimeOffset(Context.NotBefore);

    /// <summary>The <c>iat</c> claim, or <see langword="null"/> when absent.</summary>
    public DateTimeOffset? IssuedAt => NumericDate.ToDateTimeOffset(Context.IssuedAt);

    /// <summary>The number of top-level claims.</summary>
    public int ClaimCount => Context.ClaimCount;

    /// <summary>The pooled state behind the views; throws once the result is disposed.</summary>
    internal ValidationContext Context
    {
        get
        {
            if (_context is null)
            {
                ThrowNoClaims(Status);
            }

            _context.EnsureCurrent(_generation);
            return _context;
        }
    }

    /// <summary>Finds a top-level claim by its UTF-8 name.</summary>
    /// <param name="name">The claim name, e.g. <c>"scope"u8</c>.</param>
    /// <param name="claim">The claim when found.</param>
    /// <returns>Whether the claim is present.</returns>
    public bool TryGetClaim(ReadOnlySpan<byte> name, out JwtClaim claim)
    {
        ValidationContext context = Context;
        for (int i = 0; i < context.ClaimCount; i++)
        {
            ref ClaimEntry entry = ref context.Claims[i];
            if (name.SequenceEqual(context.Buffer.AsSpan(entry.NameStart, entry.NameLength)))
            {
                claim = new JwtClaim(context, i);
                return true;
            }
        }

        claim = default;
        return false;
    }

    /// <summary>Reads a string claim as unescaped UTF-8.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="value">The value when present and a string.</param>
    /// <returns>Whether the claim is present and a string.</returns>
    public bool TryGetString(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        value = default;
        return TryGetClaim(name, out JwtClaim claim) && claim.TryGetString(out value);
    }

    /// <summary>Reads an integer claim.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="value">The value when present and an integer that fits.</param>
    /// <returns>Whether the claim is present and such an integer.</returns>
    public bool TryGetInt64(ReadOnlySpan<byte> name, out long value)
    {
        value = 0;
        return TryGetClaim(name, out JwtClaim claim) && claim.TryGetInt64(out value);
    }

    /// <summary>Reads a number claim.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="value">The value when present and a finite number.</param>
    /// <returns>Whether the claim is present and a number.</returns>
    public bool TryGetDouble(ReadOnlySpan<byte> name, out double value)
    {
        value = 0;
        return TryGetClaim(name, out JwtClaim claim) && claim.TryGetDouble(out value);
    }

    /// <summary>Reads a boolean claim.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="value">The value when present and <c>true</c> or <c>false</c>.</param>
    /// <returns>Whether the claim is present and a boolean.</returns>
    public bool TryGetBoolean(ReadOnlySpan<byte> name, out bool value)
    {
        value = false;
        return TryGetClaim(name, out JwtClaim claim) && claim.TryGetBoolean(out value);
    }

    /// <summary>Reads a claim that is a string or an array of strings.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="values">The strings when present.</param>
    /// <returns>Whether the claim is present and a string or an array of only strings.</returns>
    public bool TryGetStringArray(ReadOnlySpan<byte> name, out JwtStringArray values)
    {
        values = default;
        return TryGetClaim(name, out JwtClaim claim) && claim.TryGetStringArray(out values);
    }

    /// <summary>Reads a NumericDate claim (seconds since the epoch, RFC 7519 2).</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="value">The instant, clamped to the range of <see cref="DateTimeOffset"/>.</param>
    /// <returns>Whether the claim is present and a number.</returns>
    public bool TryGetNumericDate(ReadOnlySpan<byte> name, out DateTimeOffset value)
    {
        value = default;
        if (!TryGetDouble(name, out double seconds))
        {
            return false;
        }

        value = NumericDate.ToDateTimeOffset(seconds)!.Value;
        return true;
    }

    /// <summary>Enumerates the top-level claims in document order.</summary>
    /// <returns>An allocation-free enumerator.</returns>
    public JwtClaimEnumerator EnumerateClaims() => new(Context);

    /// <summary>Returns the pooled buffer. Views obtained from this result become invalid.</summary>
    public void Dispose()
    {
        // Only the caller that moves the generation on returns the context, so a result
        // disposed twice, even from two threads at once, never pools one buffer twice.
        if (_context is not null &&
            Interlocked.CompareExchange(ref _context.Generation, _generation + 1, _generation) == _generation)
        {
            ValidationContext.Return(_context);
        }
    }

    private ReadOnlySpan<byte> Slice(int start, int length) =>
        start < 0 ? default : Context.Buffer.AsSpan(start, length);

    private ReadOnlySpan<byte> RegisteredString(int index) =>
        index < 0 ? default : new JwtClaim(Context, index).GetStringUnchecked();

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowNoClaims(TokenStatus status) =>
        throw new InvalidOperationException($"The token is not valid ({status}), so it has no claims to read.");
}

/// <summary>An allocation-free enumerator over the claims of a valid token.</summary>
public ref struct JwtClaimEnumerator
{
    private readonly ValidationContext _context;
    private readonly int _generation;
    private int _index;

    internal JwtClaimEnumerator(ValidationContext context)
    {
        _context = context;
        _generation = context.Generation;
        _index = -1;
    }

    /// <summary>The current claim.</summary>
    public readonly JwtClaim Current
    {
        get
        {
            _context.EnsureCurrent(_generation);
            return new(_context, _index);
        }
    }

    /// <summary>Returns this enumerator, so that it works with <c>foreach</c>.</summary>
    /// <returns>This enumerator.</returns>
    public readonly JwtClaimEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next claim.</summary>
    /// <returns>Whether there is one.</returns>
    /// <exception cref="ObjectDisposedException">The result was disposed.</exception>
    public bool MoveNext()
    {
        _context.EnsureCurrent(_generation);
        return ++_index < _context.ClaimCount;
    }
}

internal static class NumericDate
{
    private const double MinSeconds = -62135596800;
    private const double MaxSeconds = 253402300799;

    public static DateTimeOffset? ToDateTimeOffset(double seconds)
    {
        if (double.IsNaN(seconds))
        {
            return null;
        }

        // Clamped rather than thrown: a huge exp is legal JSON and simply far away.
        double clamped = Math.Clamp(seconds, MinSeconds, MaxSeconds);
        return DateTimeOffset.FromUnixTimeMilliseconds((long)(clamped * 1000));
    }
}
