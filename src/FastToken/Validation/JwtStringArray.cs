using System.Text.Json;

namespace FastToken;

/// <summary>
/// A claim that is one string or an array of strings (like <c>aud</c>, <c>roles</c>,
/// <c>groups</c>), enumerated as unescaped UTF-8 without allocating.
/// </summary>
public readonly ref struct JwtStringArray
{
    private readonly ValidationContext? _context;
    private readonly int _generation;
    private readonly int _start;
    private readonly int _length;
    private readonly bool _escaped;
    private readonly bool _single;

    internal JwtStringArray(ValidationContext context, int generation, int start, int length, bool escaped, bool single)
    {
        _context = context;
        _generation = generation;
        _start = start;
        _length = length;
        _escaped = escaped;
        _single = single;
    }

    /// <summary>Whether the list has no strings (or the claim is absent).</summary>
    public bool IsEmpty => !GetEnumerator().MoveNext();

    /// <summary>Counts the strings.</summary>
    public int Count
    {
        get
        {
            int count = 0;
            foreach (ReadOnlySpan<byte> _ in this)
            {
                count++;
            }

            return count;
        }
    }

    /// <summary>Whether one of the strings equals <paramref name="value"/>, ordinally.</summary>
    /// <param name="value">The UTF-8 value to look for.</param>
    /// <returns>Whether it is present.</returns>
    public bool Contains(ReadOnlySpan<byte> value)
    {
        foreach (ReadOnlySpan<byte> item in this)
        {
            if (item.SequenceEqual(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns an enumerator over the strings.</summary>
    /// <returns>The enumerator.</returns>
    public Enumerator GetEnumerator() => new(this);

    /// <summary>Enumerates the strings of a <see cref="JwtStringArray"/>.</summary>
    public ref struct Enumerator
    {
        private readonly JwtStringArray _array;
        private Utf8JsonReader _reader;
        private bool _done;

        internal Enumerator(JwtStringArray array)
        {
            _array = array;
            _done = array._context is null;
            array._context?.EnsureCurrent(array._generation);
            _reader = _done || array._single
                ? default
                : new Utf8JsonReader(array._context!.Buffer.AsSpan(array._start, array._length));
            if (!_done && !array._single)
            {
                _reader.Read();
            }

            Current = default;
        }

        /// <summary>The current string, unescaped UTF-8.</summary>
        public ReadOnlySpan<byte> Current { get; private set; }

        /// <summary>Moves to the next string.</summary>
        /// <returns>Whether there is one.</returns>
        public bool MoveNext()
        {
            if (_done)
            {
                return false;
            }

            ValidationContext context = _array._context!;
            context.EnsureCurrent(_array._generation);
            if (_array._single)
            {
                _done = true;
                Current = context.GetString(_array._start, _array._length, _array._escaped);
                return true;
            }

            // Members that are not strings are passed over; TryGetStringArray has refused such arrays.
            while (_reader.Read())
            {
                if (_reader.TokenType == JsonTokenType.EndArray && _reader.CurrentDepth == 0)
                {
                    break;
                }

                if (_reader.TokenType == JsonTokenType.String && _reader.CurrentDepth == 1)
                {
                    int start = _array._start + (int)_reader.TokenStartIndex + 1;
                    Current = context.GetString(start, _reader.ValueSpan.Length, _reader.ValueIsEscaped);
                    return true;
                }
            }

            _done = true;
            return false;
        }
    }
}
