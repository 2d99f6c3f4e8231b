using System.Text;
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

    private readonly Dictionary<string, JsonWebKey[]>.AlternateLookup<ReadOnlySpan<char>> _byKeyId;
    private readonly JsonWebKey[][] _byAlgorithm;

    /// <summary>Creates a set from keys.</summary>
    /// <param name="keys">The keys.</param>
    public JsonWebKeySet(IEnumerable<JsonWebKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Keys = [.. keys];

        Dictionary<string, JsonWebKey[]> byKeyId = new(StringComparer.Ordinal);
        foreach (IGrouping<string, JsonWebKey> group in Keys.Where(k => k.KeyId is not null).GroupBy(k => k.KeyId!))
        {
            byKeyId[group.Key] = [.. group];
        }

        _byKeyId = byKeyId.GetAlternateLookup<ReadOnlySpan<char>>();

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

        Span<char> chars = stackalloc char[MaxKeyIdLength];
        if (!Encoding.UTF8.TryGetChars(keyId, chars, out int written))
        {
            return default;
        }

        return _byKeyId.TryGetValue(chars[..written], out JsonWebKey[]? keys) ? keys : default;
    }

    /// <summary>Keys whose type, curve and declared algorithm fit <paramref name="algorithm"/>.</summary>
    internal ReadOnlySpan<JsonWebKey> FindByAlgorithm(JwtAlgorithm algorithm) => _byAlgorithm[(int)algorithm];
}
