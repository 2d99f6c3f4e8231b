using System.Buffers;
using System.Text.Json;

namespace FastToken.Policies;

/// <summary>
/// The scopes granted by a space-delimited <c>scope</c> string (RFC 6749 3.3, RFC 8693 4.2),
/// unescaped once and searched without allocating. Dispose it to return a rented buffer.
/// </summary>
public ref struct ScopeTokens
{
    /// <summary>How many bytes a caller should offer on the stack; longer escaped strings rent from the pool.</summary>
    public const int StackBufferSize = 256;

    private readonly ReadOnlySpan<byte> _text;
    private byte[]? _rented;

    private ScopeTokens(ReadOnlySpan<byte> text, byte[]? rented)
    {
        _text = text;
        _rented = rented;
    }

    /// <summary>The unescaped scope string.</summary>
    public readonly ReadOnlySpan<byte> Text => _text;

    /// <summary>Reads the scope string a reader is on.</summary>
    /// <param name="value">A reader on a string value.</param>
    /// <param name="buffer">Room for the unescaped text when it is escaped, usually on the stack.</param>
    /// <returns>The scopes; none when the value is not a string.</returns>
    public static ScopeTokens Read(in Utf8JsonReader value, Span<byte> buffer)
    {
        // A copy, so that the buffer can never be stored into the caller's reader.
        Utf8JsonReader reader = value;
        if (reader.TokenType != JsonTokenType.String)
        {
            return default;
        }

        // Most scope strings carry no escapes and are searched where they lie.
        if (!reader.ValueIsEscaped)
        {
            return new ScopeTokens(reader.ValueSpan, null);
        }

        // Unescaped text is never longer than its escaped form.
        byte[]? rented = null;
        if (reader.ValueSpan.Length > buffer.Length)
        {
            rented = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
            buffer = rented;
        }

        try
        {
            int written = reader.CopyString(buffer);
            return new ScopeTokens(buffer[..written], rented);
        }
        catch (InvalidOperationException)
        {
            // A lone-surrogate escape: the validator reports such a token as malformed.
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }

            throw;
        }
    }

    /// <summary>Whether <paramref name="scope"/> is one of the scopes.</summary>
    /// <param name="scope">The scope, UTF-8.</param>
    /// <returns>Whether it is granted.</returns>
    public readonly bool Contains(ReadOnlySpan<byte> scope) => Contains(_text, scope);

    /// <summary>
    /// Whether a space-delimited scope string contains <paramref name="scope"/>. Scope tokens
    /// are compared exactly (RFC 6749 3.3); empty tokens between repeated spaces are ignored.
    /// </summary>
    /// <param name="scopes">The scope string.</param>
    /// <param name="scope">The scope to look for; an empty one is never found.</param>
    /// <returns>Whether it is present.</returns>
    public static bool Contains(ReadOnlySpan<byte> scopes, ReadOnlySpan<byte> scope)
    {
        if (scope.IsEmpty)
        {
            return false;
        }

        while (scopes.Length >= scope.Length)
        {
            int space = scopes.IndexOf((byte)' ');
            ReadOnlySpan<byte> token = space < 0 ? scopes : scopes[..space];
            if (token.SequenceEqual(scope))
            {
                return true;
            }

            if (space < 0)
            {
                return false;
            }

            scopes = scopes[(space + 1)..];
        }

        return false;
    }

    /// <summary>Returns the rented buffer, if any.</summary>
    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
