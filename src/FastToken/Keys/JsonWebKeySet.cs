using System.Numerics;
using System.Text;
using System.Text.Unicode;
using System.Text.Json;

namespace FastToken.Keys;

/// <summary>
/// An immutable set of verification keys (RFC 7517 section 5) with lookups made for the hot
/// path: by <c>kid</c> in constant time whatever the set's size, and by algorithm for tokens
/// without a <c>kid</c>.
/// </summary>
public sealed class JsonWebKeySet : IJsonWebKeySource
{
    /// <summary>The longest <c>kid</c>, in UTF-8 bytes, that a lookup considers. Longer ids match nothing.</summary>
    internal const int MaxKeyIdLength = 256;

    // An open-addressing table by kid, keyed by the UTF-8 bytes a token's header holds, so that
    // a lookup neither transcodes nor allocates: slots hold an index into the two arrays plus
    // one (zero is empty), and at most half of them are used.
    private readonly byte[][] _keyIds;
    private readonly JsonWebKey[][] _keysById;
    private readonly int[] _slots;
    private readonly JsonWebKey[][] _byAlgorithm;

    /// <summary>Creates a set from keys.</summary>
    /// <param name="keys">The keys.</param>
    public JsonWebKeySet(IEnumerable<JsonWebKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Keys = [.. keys];

        // A kid that is not valid Unicode can never equal a token's (valid UTF-8) kid.
        IGrouping<string, JsonWebKey>[] groups =
        [
            .. Keys.Where(k => k.KeyId is not null && IsValidUnicode(k.KeyId))
                .GroupBy(k => k.KeyId!, StringComparer.Ordinal),
        ];
        _keyIds = [.. groups.Select(g => Encoding.UTF8.GetBytes(g.Key))];
        _keysById = [.. groups.Select(g => g.ToArray())];
        _slots = new int[Math.Max(2, (int)BitOperations.RoundUpToPowerOf2((uint)groups.Length * 2))];
        for (int i = 0; i < _keyIds.Length; i++)
        {
            int slot = KeyIdHash(_keyIds[i]) & (_slots.Length - 1);
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & (_slots.Length - 1);
            }

            _slots[slot] = i + 1;
        }

        _byAlgorithm = new JsonWebKey[(int)JwtAlgorithm.ES512 + 1][];
        foreach (JwtAlgorithm algorithm in Enum.GetValues<JwtAlgorithm>())
        {
            _byAlgorithm[(int)algorithm] = [.. Keys.Where(k => k.Fit(algorithm, 0) != KeyFit.NoFit)];
        }
    }

    /// <summary>The keys in the set, in their original order.</summary>
    public IReadOnlyList<JsonWebKey> Keys { get; }

    /// <inheritdoc />
    JsonWebKeySet IJsonWebKeySource.Current => this;

    /// <summary>
    /// Parses a JWK Set (<c>{"keys":[...]}</c>) or a single JWK. Keys of types FastToken does
    /// not verify with (e.g. <c>OKP</c>) are skipped so that a provider's full set still loads.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The set.</returns>
    /// <exception cref="JsonWebKeyException">The JSON is not a usable JWK or JWK Set.</exception>
    public static JsonWebKeySet Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("keys", out JsonElement keys))
            {
                if (keys.ValueKind != JsonValueKind.Array)
                {
                    throw new JsonWebKeyException("The JWK Set member 'keys' must be an array.");
                }

                List<JsonWebKey> parsed = [];
                foreach (JsonElement item in keys.EnumerateArray())
                {
                    if (JsonWebKey.FromJson(item) is { } key)
                    {
                        parsed.Add(key);
                    }
                }

                return new JsonWebKeySet(parsed);
            }

            JsonWebKey single = JsonWebKey.FromJson(root)
                ?? throw new JsonWebKeyException(
                    "The key is not supported: use oct, RSA, or EC on P-256, P-384 or P-521.");
            return new JsonWebKeySet([single]);
        }
        catch (JsonException e)
        {
            throw new JsonWebKeyException("The key set is not valid JSON.", e);
        }
    }

    /// <summary>Reads a JWK or JWK Set from a file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The set.</returns>
    public static JsonWebKeySet FromFile(string path) => Parse(File.ReadAllText(path));

    /// <summary>Combines several sets into one.</summary>
    /// <param name="sets">The sets.</param>
    /// <returns>A set with every key of every set.</returns>
    public static JsonWebKeySet Combine(IEnumerable<JsonWebKeySet> sets) => new(sets.SelectMany(s => s.Keys));

    /// <summary>Writes the set as a JWK Set.</summary>
    /// <param name="includePrivateParameters">Whether private parameters are written.</param>
    /// <returns>The JSON text.</returns>
    public string ToJson(bool includePrivateParameters = false)
    {
        using MemoryStream stream = new();
        using (Utf8JsonWriter w = new(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("keys");
            foreach (JsonWebKey key in Keys)
            {
                key.WriteTo(w, includePrivateParameters);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <inheritdoc />
    void IJsonWebKeySource.OnKeyNotFound()
    {
    }

    /// <summary>Keys whose <c>kid</c> equals the given UTF-8 bytes; empty when none.</summary>
    internal ReadOnlySpan<JsonWebKey> FindByKeyId(ReadOnlySpan<byte> keyId)
    {
        if (keyId.Length > MaxKeyIdLength)
        {
            return default;
        }

        int mask = _slots.Length - 1;
        for (int slot = KeyIdHash(keyId) & mask; ; slot = (slot + 1) & mask)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                return default;
            }

            if (keyId.SequenceEqual(_keyIds[entry - 1]))
            {
                return _keysById[entry - 1];
            }
        }
    }

    private static bool IsValidUnicode(string text) =>
        Utf8.FromUtf16(text, new byte[text.Length * 3], out _, out _, replaceInvalidSequences: false) ==
        System.Buffers.OperationStatus.Done;

    // Seeded per process, so that no one can choose ids that collide in every process.
    private static int KeyIdHash(ReadOnlySpan<byte> keyId)
    {
        HashCode hash = default;
        hash.AddBytes(keyId);
        return hash.ToHashCode();
    }

    /// <summary>Keys whose type, curve and declared algorithm fit <paramref name="algorithm"/>.</summary>
    internal ReadOnlySpan<JsonWebKey> FindByAlgorithm(JwtAlgorithm algorithm) => _byAlgorithm[(int)algorithm];
}
