using System.Text;
using System.Text.Json;

namespace FastToken;

/// <summary>
/// One top-level claim of a valid token: its name and JSON value, read without allocating.
/// Valid until the <see cref="JwtValidationResult"/> it came from is disposed.
/// </summary>
public readonly ref struct JwtClaim
{
    private readonly ValidationContext _context;
    private readonly int _index;
    private readonly int _generation;

    /// <summary>Made only from a context its result has just checked is current.</summary>
    internal JwtClaim(ValidationContext context, int index)
    {
        _context = context;
        _index = index;
        _generation = context.Generation;
    }

    private ref ClaimEntry Entry
    {
        get
        {
            _context.EnsureCurrent(_generation);
            return ref _context.Claims[_index];
        }
    }

    /// <summary>The claim name as unescaped UTF-8.</summary>
    public ReadOnlySpan<byte> Name => _context.Buffer.AsSpan(Entry.NameStart, Entry.NameLength);

    /// <summary>The JSON kind of the value.</summary>
    public JsonValueKind ValueKind => Entry.Type switch
    {
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        JsonTokenType.Null => JsonValueKind.Null,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.StartObject => JsonValueKind.Object,
        _ => JsonValueKind.Undefined,
    };

    /// <summary>The value as JSON text (a string keeps its quotes and escapes).</summary>
    public ReadOnlySpan<byte> RawValue => Entry.Type == JsonTokenType.String
        ? _context.Buffer.AsSpan(Entry.ValueStart - 1, Entry.ValueLength + 2)
        : _context.Buffer.AsSpan(Entry.ValueStart, Entry.ValueLength);

    /// <summary>Reads a string value as unescaped UTF-8.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether the value is a string.</returns>
    public bool TryGetString(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (Entry.Type != JsonTokenType.String)
        {
            return false;
        }

        value = GetStringUnchecked();
        return true;
    }

    /// <summary>Reads the value as a .NET string; allocates. For strings only.</summary>
    /// <returns>The string, or <see langword="null"/> when the value is not a string.</returns>
    public string? GetString() => TryGetString(out ReadOnlySpan<byte> value) ? Encoding.UTF8.GetString(value) : null;

    /// <summary>Reads an integer value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether the value is an integer that fits in 64 bits.</returns>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (Entry.Type != JsonTokenType.Number)
        {
            return false;
        }

        Utf8JsonReader reader = new(RawValue);
        return reader.Read() && reader.TryGetInt64(out value);
    }

    /// <summary>Reads a number value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether the value is a finite number.</returns>
    public bool TryGetDouble(out double value)
    {
        value = 0;
        if (Entry.Type != JsonTokenType.Number)
        {
            return false;
        }

        Utf8JsonReader reader = new(RawValue);
        return reader.Read() && reader.TryGetDouble(out value) && double.IsFinite(value);
    }

    /// <summary>Reads a boolean value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether the value is <c>true</c> or <c>false</c>.</returns>
    public bool TryGetBoolean(out bool value)
    {
        value = Entry.Type == JsonTokenType.True;
        return Entry.Type is JsonTokenType.True or JsonTokenType.False;
    }

    /// <summary>Reads a string, or an array of strings, as a list of strings.</summary>
    /// <param name="values">The strings.</param>
    /// <returns>Whether the value is a string or an array whose members are all strings.</returns>
    public bool TryGetStringArray(out JwtStringArray values)
    {
        values = default;
        if (Entry.Type == JsonTokenType.String)
        {
            values = AsStringArrayUnchecked();
            return true;
        }

        if (Entry.Type != JsonTokenType.StartArray)
        {
            return false;
        }

        Utf8JsonReader reader = new(RawValue);
        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                return false;
            }
        }

        values = AsStringArrayUnchecked();
        return true;
    }

    internal ReadOnlySpan<byte> GetStringUnchecked() =>
        _context.GetString(in Entry);

    internal JwtStringArray AsStringArrayUnchecked() => Entry.Type == JsonTokenType.String
        ? new JwtStringArray(
            _context, _generation, Entry.ValueStart, Entry.ValueLength, Entry.ValueEscaped, single: true)
        : new JwtStringArray(_context, _generation, Entry.ValueStart, Entry.ValueLength, escaped: false, single: false);
}
