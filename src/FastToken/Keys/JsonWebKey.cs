using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace FastToken.Keys;

/// <summary>
/// One key of a JWK or JWK Set (RFC 7517): an <c>oct</c>, <c>RSA</c> or <c>EC</c> key.
/// The platform key object is made once per key and reused through a small pool, so
/// verification creates no key state per request.
/// </summary>
public sealed partial class JsonWebKey
{
    private readonly byte[]? _symmetricKey;
    private readonly RSAParameters _rsa;
    private readonly ECParameters _ec;
    private readonly InstancePool<IncrementalHash>?[]? _hmacPools;
    private readonly InstancePool<RSA>? _rsaPool;
    private readonly InstancePool<ECDsa>? _ecPool;
    private readonly JwtAlgorithm _declaredAlgorithm;
    private readonly uint _fitMask;
    private readonly uint _tooShortMask;

    private JsonWebKey(
        string keyType,
        string? keyId,
        string? use,
        string? algorithm,
        string? curve,
        int keySizeInBits,
        bool hasPrivateKey,
        IReadOnlyList<string>? keyOperations)
    {
        KeyType = keyType;
        KeyId = keyId;
        Use = use;
        Algorithm = algorithm;
        Curve = curve;
        KeySizeInBits = keySizeInBits;
        HasPrivateKey = hasPrivateKey;
        KeyOperations = keyOperations;
        _declaredAlgorithm = algorithm is null ? JwtAlgorithm.Unknown : ParseDeclaredAlgorithm(algorithm);
    }

    private JsonWebKey(byte[] key, string? keyId, string? use, string? algorithm, IReadOnlyList<string>? ops)
        : this("oct", keyId, use, algorithm, null, key.Length * 8, true, ops)
    {
        _symmetricKey = key;
        _hmacPools = new InstancePool<IncrementalHash>?[3];
        for (int i = 0; i < _hmacPools.Length; i++)
        {
            HashAlgorithmName hash = JwtAlgorithms.GetHash(JwtAlgorithm.HS256 + i);
            _hmacPools[i] = new InstancePool<IncrementalHash>(() => IncrementalHash.CreateHMAC(hash, key));
        }

        (_fitMask, _tooShortMask) = ComputeFitMasks();
    }

    private JsonWebKey(RSAParameters rsa, string? keyId, string? use, string? algorithm, IReadOnlyList<string>? ops)
        : this("RSA", keyId, use, algorithm, null, BitLength(rsa.Modulus!), rsa.D is not null, ops)
    {
        _rsa = rsa;
        RSAParameters publicPart = new() { Modulus = rsa.Modulus, Exponent = rsa.Exponent };
        _rsaPool = new InstancePool<RSA>(() => RSA.Create(publicPart));

        // Import once now so that a key the platform refuses fails at load, not per request.
        _rsaPool.Return(_rsaPool.Rent());
        (_fitMask, _tooShortMask) = ComputeFitMasks();
    }

    private JsonWebKey(
        ECParameters ec,
        string curve,
        string? keyId,
        string? use,
        string? algorithm,
        IReadOnlyList<string>? ops)
        : this("EC", keyId, use, algorithm, curve, ec.Q.X!.Length * 8, ec.D is not null, ops)
    {
        _ec = ec;
        ECParameters publicPart = new() { Curve = ec.Curve, Q = ec.Q };
        _ecPool = new InstancePool<ECDsa>(() => ECDsa.Create(publicPart));
        _ecPool.Return(_ecPool.Rent());
        (_fitMask, _tooShortMask) = ComputeFitMasks();
    }

    /// <summary>The key type (<c>kty</c>): <c>oct</c>, <c>RSA</c> or <c>EC</c>.</summary>
    public string KeyType { get; }

    /// <summary>The key id (<c>kid</c>), or <see langword="null"/>.</summary>
    public string? KeyId { get; }

    /// <summary>The intended use (<c>use</c>), or <see langword="null"/>. Keys for <c>enc</c> never verify.</summary>
    public string? Use { get; }

    /// <summary>The algorithm the key is bound to (<c>alg</c>), or <see langword="null"/>.</summary>
    public string? Algorithm { get; }

    /// <summary>The curve (<c>crv</c>) of an EC key, or <see langword="null"/>.</summary>
    public string? Curve { get; }

    /// <summary>The permitted operations (<c>key_ops</c>), or <see langword="null"/> when unrestricted.</summary>
    public IReadOnlyList<string>? KeyOperations { get; }

    /// <summary>
    /// The key size in bits: the modulus for RSA, the coordinate size for EC, the key length
    /// for oct.
    /// </summary>
    public int KeySizeInBits { get; }

    /// <summary>Whether private parameters are present (needed only to sign).</summary>
    public bool HasPrivateKey { get; }

    /// <summary>Creates a symmetric key for HMAC algorithms.</summary>
    /// <param name="key">The secret. It is copied.</param>
    /// <param name="keyId">An optional key id.</param>
    /// <param name="algorithm">An optional algorithm the key is bound to, e.g. <c>HS256</c>.</param>
    /// <returns>The key.</returns>
    public static JsonWebKey FromSymmetricKey(ReadOnlySpan<byte> key, string? keyId = null, string? algorithm = null)
    {
        if (key.IsEmpty)
        {
            throw new JsonWebKeyException("A symmetric key must not be empty.");
        }

        return new JsonWebKey(key.ToArray(), keyId, null, algorithm, null);
    }

    /// <summary>Creates a key from RSA parameters; the private parameters are kept when present.</summary>
    /// <param name="parameters">The RSA parameters; <c>Modulus</c> and <c>Exponent</c> are required.</param>
    /// <param name="keyId">An optional key id.</param>
    /// <param name="algorithm">An optional algorithm the key is bound to.</param>
    /// <returns>The key.</returns>
    public static JsonWebKey FromRsa(RSAParameters parameters, string? keyId = null, string? algorithm = null)
    {
        if (parameters.Modulus is null || parameters.Exponent is null)
        {
            throw new JsonWebKeyException("An RSA key needs a modulus and an exponent.");
        }

        // A modulus with leading zero bytes would overstate the key size and fail every signature.
        parameters.Modulus = TrimLeadingZeros(parameters.Modulus);
        parameters.Exponent = TrimLeadingZeros(parameters.Exponent);
        return Guard(() => new JsonWebKey(parameters, keyId, null, algorithm, null), "RSA");
    }

    /// <summary>Creates a key from EC parameters on P-256, P-384 or P-521.</summary>
    /// <param name="parameters">The EC parameters with a named curve and the public point.</param>
    /// <param name="keyId">An optional key id.</param>
    /// <param name="algorithm">An optional algorithm the key is bound to.</param>
    /// <returns>The key.</returns>
    public static JsonWebKey FromECDsa(ECParameters parameters, string? keyId = null, string? algorithm = null)
    {
        string curve = CurveName(parameters.Curve)
            ?? throw new JsonWebKeyException("Only the P-256, P-384 and P-521 curves are supported.");
        return Guard(() => new JsonWebKey(parameters, curve, keyId, null, algorithm, null), "EC");
    }

    /// <summary>Generates a new private key for an algorithm, with its RFC 7638 thumbprint as <c>kid</c>.</summary>
    /// <param name="algorithm">The algorithm the key is for; the key is bound to it.</param>
    /// <returns>The key, including its private parameters.</returns>
    public static JsonWebKey Generate(JwtAlgorithm algorithm)
    {
        string alg = JwtAlgorithms.GetName(algorithm);
        JsonWebKey key;
        if (JwtAlgorithms.IsHmac(algorithm))
        {
            byte[] secret = RandomNumberGenerator.GetBytes(JwtAlgorithms.HashSize(algorithm));
            key = new JsonWebKey(secret, null, "sig", alg, null);
        }
        else if (JwtAlgorithms.IsRsa(algorithm))
        {
            using RSA rsa = RSA.Create(2048);
            key = new JsonWebKey(rsa.ExportParameters(true), null, "sig", alg, null);
        }
        else if (JwtAlgorithms.IsEcdsa(algorithm))
        {
            using ECDsa ec = ECDsa.Create(CurveFor(JwtAlgorithms.GetCurveName(algorithm)!));
            ECParameters p = ec.ExportParameters(true);
            key = new JsonWebKey(p, JwtAlgorithms.GetCurveName(algorithm)!, null, "sig", alg, null);
        }
        else
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not a supported algorithm.");
        }

        return key.WithKeyId(key.ComputeThumbprint());
    }

    /// <summary>Parses a single JWK.</summary>
    /// <param name="json">The JWK as JSON text.</param>
    /// <returns>The key.</returns>
    /// <exception cref="JsonWebKeyException">The JSON is not a usable JWK.</exception>
    public static JsonWebKey Parse(string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return FromJson(document.RootElement)
                ?? throw new JsonWebKeyException(
                    "The key is not supported: use oct, RSA, or EC on P-256, P-384 or P-521.");
        }
        catch (JsonException e)
        {
            throw new JsonWebKeyException("The key is not valid JSON.", e);
        }
    }

    /// <summary>Returns a copy of this key with a different key id.</summary>
    /// <param name="keyId">The new key id.</param>
    /// <returns>The copy.</returns>
    public JsonWebKey WithKeyId(string? keyId) => KeyType switch
    {
        "oct" => new JsonWebKey(_symmetricKey!, keyId, Use, Algorithm, KeyOperations),
        "RSA" => new JsonWebKey(_rsa, keyId, Use, Algorithm, KeyOperations),
        _ => new JsonWebKey(_ec, Curve!, keyId, Use, Algorithm, KeyOperations),
    };

    /// <summary>Returns this key without its private parameters. For a symmetric key that is impossible.</summary>
    /// <returns>The public key.</returns>
    /// <exception cref="InvalidOperationException">The key is symmetric.</exception>
    public JsonWebKey ToPublicKey() => KeyType switch
    {
        "RSA" => new JsonWebKey(
            new RSAParameters { Modulus = _rsa.Modulus, Exponent = _rsa.Exponent },
            KeyId,
            Use,
            Algorithm,
            KeyOperations),
        "EC" => new JsonWebKey(
            new ECParameters { Curve = _ec.Curve, Q = _ec.Q }, Curve!, KeyId, Use, Algorithm, KeyOperations),
        _ => throw new InvalidOperationException("A symmetric key has no public part."),
    };

    /// <summary>Computes the RFC 7638 JWK thumbprint (SHA-256, base64url).</summary>
    /// <returns>The thumbprint.</returns>
    public string ComputeThumbprint()
    {
        using MemoryStream stream = new();
        using (Utf8JsonWriter w = new(stream))
        {
            // RFC 7638 3.2: required members only, in lexicographic order, no white space.
            w.WriteStartObject();
            switch (KeyType)
            {
                case "oct":
                    w.WriteString("k", Base64Url.EncodeToString(_symmetricKey));
                    w.WriteString("kty", "oct");
                    break;
                case "RSA":
                    w.WriteString("e", Base64Url.EncodeToString(_rsa.Exponent));
                    w.WriteString("kty", "RSA");
                    w.WriteString("n", Base64Url.EncodeToString(_rsa.Modulus));
                    break;
                default:
                    w.WriteString("crv", Curve);
                    w.WriteString("kty", "EC");
                    w.WriteString("x", Base64Url.EncodeToString(_ec.Q.X));
                    w.WriteString("y", Base64Url.EncodeToString(_ec.Q.Y));
                    break;
            }

            w.WriteEndObject();
        }

        return Base64Url.EncodeToString(SHA256.HashData(stream.ToArray()));
    }

    /// <summary>Writes the key as a JWK.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="includePrivateParameters">Whether to write private parameters (and <c>k</c> for oct keys).</param>
    public void WriteTo(Utf8JsonWriter writer, bool includePrivateParameters)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("kty", KeyType);
        WriteOptional(writer, "kid", KeyId);
        WriteOptional(writer, "use", Use);
        WriteOptional(writer, "alg", Algorithm);
        switch (KeyType)
        {
            case "oct":
                if (!includePrivateParameters)
                {
                    throw new InvalidOperationException("A symmetric key is secret: it has no public form.");
                }

                WriteBytes(writer, "k", _symmetricKey);
                break;
            case "RSA":
                WriteBytes(writer, "n", _rsa.Modulus);
                WriteBytes(writer, "e", _rsa.Exponent);
                if (includePrivateParameters && _rsa.D is not null)
                {
                    WriteBytes(writer, "d", _rsa.D);
                    WriteBytes(writer, "p", _rsa.P);
                    WriteBytes(writer, "q", _rsa.Q);
                    WriteBytes(writer, "dp", _rsa.DP);
                    WriteBytes(writer, "dq", _rsa.DQ);
                    WriteBytes(writer, "qi", _rsa.InverseQ);
                }

                break;
            default:
                writer.WriteString("crv", Curve);
                WriteBytes(writer, "x", _ec.Q.X);
                WriteBytes(writer, "y", _ec.Q.Y);
                if (includePrivateParameters && _ec.D is not null)
                {
                    WriteBytes(writer, "d", _ec.D);
                }

                break;
        }

        if (KeyOperations is not null)
        {
            writer.WriteStartArray("key_ops");
            foreach (string op in KeyOperations)
            {
                writer.WriteStringValue(op);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>Returns the key as JWK JSON text.</summary>
    /// <param name="includePrivateParameters">Whether to write private parameters.</param>
    /// <returns>The JSON text.</returns>
    public string ToJson(bool includePrivateParameters = false)
    {
        using MemoryStream stream = new();
        using (Utf8JsonWriter w = new(stream, new JsonWriterOptions { Indented = true }))
        {
            WriteTo(w, includePrivateParameters);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteBytes(Utf8JsonWriter writer, string name, byte[]? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, Base64Url.EncodeToString(value));
        }
    }

    private static JwtAlgorithm ParseDeclaredAlgorithm(string algorithm)
    {
        // A key bound to an algorithm we do not support (e.g. RSA-OAEP) can never verify.
        return JwtAlgorithms.TryParse(algorithm, out JwtAlgorithm parsed) ? parsed : JwtAlgorithm.Unknown;
    }

    private static JsonWebKey Guard(Func<JsonWebKey> create, string kind)
    {
        try
        {
            return create();
        }
        catch (CryptographicException e)
        {
            throw new JsonWebKeyException($"The platform refused the {kind} key parameters.", e);
        }
    }

    /// <summary>The length in bits of a big-endian unsigned integer without leading zero bytes.</summary>
    private static int BitLength(byte[] value) =>
        value.Length == 0
            ? 0
            : ((value.Length - 1) * 8) + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)value[0]));

    internal static ECCurve CurveFor(string name) => name switch
    {
        "P-256" => ECCurve.NamedCurves.nistP256,
        "P-384" => ECCurve.NamedCurves.nistP384,
        "P-521" => ECCurve.NamedCurves.nistP521,
        _ => throw new JsonWebKeyException("Only the P-256, P-384 and P-521 curves are supported."),
    };

    private static string? CurveName(ECCurve curve)
    {
        string? oid = curve.Oid?.Value;
        string? friendly = curve.Oid?.FriendlyName;
        return (oid, friendly) switch
        {
            ("1.2.840.10045.3.1.7", _) or (_, "nistP256") or (_, "ECDSA_P256") => "P-256",
            ("1.3.132.0.34", _) or (_, "nistP384") or (_, "ECDSA_P384") => "P-384",
            ("1.3.132.0.35", _) or (_, "nistP521") or (_, "ECDSA_P521") => "P-521",
            _ => null,
        };
    }
}
