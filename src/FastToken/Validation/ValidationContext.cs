using System.Numerics;
using System.Text.Json;

namespace FastToken;

/// <summary>
/// The per-validation working state: one buffer for the decoded header, payload and any
/// unescaped strings, and the claim table. Contexts are pooled so that a validation after
/// warm-up allocates nothing; a result holds its context until it is disposed.
/// </summary>
internal sealed class ValidationContext
{
    [ThreadStatic]
    private static ValidationContext? t_cached;

    private static readonly ValidationContext?[] s_shared =
        new ValidationContext?[Math.Clamp(Environment.ProcessorCount * 2, 4, 64)];

    // Positions of escaped strings already unescaped into the scratch area: raw start, copy start, length.
    private (int Raw, int Start, int Length)[] _unescaped = new (int, int, int)[4];
    private int _unescapedCount;
    private int _scratchEnd;
    private int _scratchLimit;

    // Open-addressing table of claim indices (plus one; zero is empty) by name hash, used only by
    // tokens with more claims than a linear duplicate scan handles cheaply. _nameSlots is the
    // part of the array in use by this validation; zero while the table is unused.
    private int[] _nameTable = [];
    private int _nameSlots;

    public byte[] Buffer = new byte[1024];

    public ClaimEntry[] Claims = new ClaimEntry[16];

    public int ClaimCount;

    /// <summary>Bumped on every return to the pool, so that a stale result can tell it is stale.</summary>
    public int Generation;

    public int HeaderStart;

    public int HeaderLength;

    public int PayloadStart;

    public int PayloadLength;

    public JwtAlgorithm Algorithm;

    public int KeyIdStart = -1;

    public int KeyIdLength;

    public int TypeStart = -1;

    public int TypeLength;

    public int Issuer = -1;

    public int Subject = -1;

    public int Audience = -1;

    public int JwtId = -1;

    public double ExpiresAt = double.NaN;

    public double NotBefore = double.NaN;

    public double IssuedAt = double.NaN;

    public ReadOnlySpan<byte> Header => Buffer.AsSpan(HeaderStart, HeaderLength);

    public ReadOnlySpan<byte> Payload => Buffer.AsSpan(PayloadStart, PayloadLength);

    public static ValidationContext Rent()
    {
        ValidationContext? context = t_cached;
        if (context is not null)
        {
            t_cached = null;
            return context;
        }

        for (int i = 0; i < s_shared.Length; i++)
        {
            context = Interlocked.Exchange(ref s_shared[i], null);
            if (context is not null)
            {
                return context;
            }
        }

        return new ValidationContext();
    }

    /// <summary>Pools a context whose generation the caller has already moved on.</summary>
    public static void Return(ValidationContext context)
    {
        if (t_cached is null)
        {
            t_cached = context;
            return;
        }

        for (int i = 0; i < s_shared.Length; i++)
        {
            if (Interlocked.CompareExchange(ref s_shared[i], context, null) is null)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Throws when the result that handed out a view has been disposed since, so that a stale
    /// view never reads the token that reuses this buffer.
    /// </summary>
    public void EnsureCurrent(int generation)
    {
        if (Volatile.Read(ref Generation) != generation)
        {
            ThrowStale();
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowStale() =>
        throw new ObjectDisposedException(nameof(JwtValidationResult), "The result was disposed; its views are gone.");

    /// <summary>Clears the facts of the previous token and makes room for one of this length.</summary>
    public void Reset(int capacity)
    {
        if (Buffer.Length < capacity)
        {
            Buffer = new byte[Math.Max(capacity, Buffer.Length * 2)];
        }

        ClaimCount = 0;
        Algorithm = JwtAlgorithm.Unknown;
        KeyIdStart = -1;
        KeyIdLength = 0;
        TypeStart = -1;
        TypeLength = 0;
        Issuer = Subject = Audience = JwtId = -1;
        ExpiresAt = NotBefore = IssuedAt = double.NaN;
        _unescapedCount = 0;
        if (_nameSlots != 0)
        {
            Array.Clear(_nameTable, 0, _nameSlots);
            _nameSlots = 0;
        }
    }

    /// <summary>Sets the scratch area that unescaped strings are copied into.</summary>
    public void SetScratch(int start, int limit)
    {
        _scratchEnd = start;
        _scratchLimit = limit;
    }

    /// <summary>
    /// Copies an unescaped JSON string into the scratch area; <see langword="false"/> when it
    /// does not fit.
    /// </summary>
    private bool TryUnescape(ref Utf8JsonReader reader, out int start, out int length)
    {
        // Unescaped text is never longer than its escaped form, so that length is enough room.
        Span<byte> free = Buffer.AsSpan(_scratchEnd, _scratchLimit - _scratchEnd);
        if (reader.HasValueSequence || reader.ValueSpan.Length > free.Length)
        {
            start = length = 0;
            return false;
        }

        // The validator has refused escapes that name a lone surrogate, the one thing that
        // makes unescaping throw, before any string reaches this point.
        length = reader.CopyString(free);

        start = _scratchEnd;
        _scratchEnd += length;
        return true;
    }

    /// <summary>The unescaped text of a claim's string value.</summary>
    public ReadOnlySpan<byte> GetString(in ClaimEntry entry) =>
        GetString(entry.ValueStart, entry.ValueLength, entry.ValueEscaped);

    /// <summary>
    /// The unescaped form of a string value. Each escaped value is copied at most once, so
    /// the scratch area (as long as the payload) can never run out however often it is read.
    /// </summary>
    public ReadOnlySpan<byte> GetString(int valueStart, int valueLength, bool escaped)
    {
        if (!escaped)
        {
            return Buffer.AsSpan(valueStart, valueLength);
        }

        // Unreachable failure: unescaped text is never longer than its escaped form.
        return TryLocateUnescaped(valueStart, valueLength, out int start, out int length)
            ? Buffer.AsSpan(start, length)
            : default;
    }

    /// <summary>
    /// Where the unescaped form of the escaped JSON string whose raw content (without quotes)
    /// lies at <paramref name="rawStart"/> is, copying it into the scratch area the first time.
    /// </summary>
    /// <returns><see langword="false"/> when the scratch area is too small.</returns>
    public bool TryLocateUnescaped(int rawStart, int rawLength, out int start, out int length)
    {
        // Kept in order of raw position, so a lookup is a binary search however many escaped
        // strings a token holds; the validator unescapes in document order, so it only appends.
        int low = 0;
        int high = _unescapedCount - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) >> 1);
            int raw = _unescaped[middle].Raw;
            if (raw == rawStart)
            {
                start = _unescaped[middle].Start;
                length = _unescaped[middle].Length;
                return true;
            }

            if (raw < rawStart)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        // The raw value sits between its quotes in the buffer; read it as a one-value document.
        Utf8JsonReader reader = new(Buffer.AsSpan(rawStart - 1, rawLength + 2));
        reader.Read();
        if (!TryUnescape(ref reader, out start, out length))
        {
            return false;
        }

        if (_unescapedCount == _unescaped.Length)
        {
            Array.Resize(ref _unescaped, _unescaped.Length * 2);
        }

        // A read out of document order (a claim read after validation) inserts in place.
        Array.Copy(_unescaped, low, _unescaped, low + 1, _unescapedCount - low);
        _unescaped[low] = (rawStart, start, length);
        _unescapedCount++;
        return true;
    }

    /// <summary>
    /// Records the name of claim <paramref name="index"/> in the name table; <see langword="false"/>
    /// when an earlier claim has the same name. The first call of a validation enters every earlier
    /// claim, which the caller has already found distinct.
    /// </summary>
    public bool TryAddName(ReadOnlySpan<byte> name, int index)
    {
        if (_nameSlots == 0 || (index + 1) * 2 > _nameSlots)
        {
            ResizeNameTable(Math.Max(256, (int)BitOperations.RoundUpToPowerOf2((uint)(index + 1) * 4)), index);
        }

        int mask = _nameSlots - 1;
        for (int slot = NameHash(name) & mask; ; slot = (slot + 1) & mask)
        {
            int entry = _nameTable[slot];
            if (entry == 0)
            {
                _nameTable[slot] = index + 1;
                return true;
            }

            ref ClaimEntry other = ref Claims[entry - 1];
            if (name.SequenceEqual(Buffer.AsSpan(other.NameStart, other.NameLength)))
            {
                return false;
            }
        }
    }

    /// <summary>
    /// The claim whose value starts at <paramref name="valueOffset"/> in the payload, as the
    /// claims pass told a visitor; claims are recorded in document order, so their value
    /// offsets rise and a binary search finds it.
    /// </summary>
    /// <returns>The claim's index, or -1 when no claim's value starts there.</returns>
    public int FindClaimByValueOffset(int valueOffset)
    {
        int low = 0;
        int high = ClaimCount - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) >> 1);
            ref ClaimEntry entry = ref Claims[middle];
            int start = entry.ValueStart - PayloadStart - (entry.Type == JsonTokenType.String ? 1 : 0);
            if (start == valueOffset)
            {
                return middle;
            }

            if (start < valueOffset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    /// <summary>Adds a claim to the table, growing it within the caller's bound.</summary>
    public ref ClaimEntry AddClaim()
    {
        if (ClaimCount == Claims.Length)
        {
            Array.Resize(ref Claims, Claims.Length * 2);
        }

        return ref Claims[ClaimCount++];
    }

    // The hash is seeded per process, so a token cannot be built to make its names collide.
    private static int NameHash(ReadOnlySpan<byte> name)
    {
        HashCode hash = default;
        hash.AddBytes(name);
        return hash.ToHashCode();
    }

    /// <summary>
    /// Makes the table <paramref name="slots"/> wide and enters claims 0 to
    /// <paramref name="count"/> - 1.
    /// </summary>
    private void ResizeNameTable(int slots, int count)
    {
        if (_nameTable.Length < slots)
        {
            _nameTable = new int[slots];
        }
        else
        {
            Array.Clear(_nameTable, 0, Math.Max(_nameSlots, slots));
        }

        _nameSlots = slots;
        int mask = slots - 1;
        for (int i = 0; i < count; i++)
        {
            ref ClaimEntry entry = ref Claims[i];
            int slot = NameHash(Buffer.AsSpan(entry.NameStart, entry.NameLength)) & mask;
            while (_nameTable[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _nameTable[slot] = i + 1;
        }
    }
}
