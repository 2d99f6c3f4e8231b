using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace FastToken.Keys;

public sealed partial class JsonWebKey
{
    /// <summary>
    /// Reads one JWK. Returns <see langword="null"/> for a key type FastToken does not verify
    /// with (e.g. <c>OKP</c>), so a JWK Set that mixes in such keys still loads.
    /// </summary>
    internal static JsonWebKey? FromJson(JsonElement jwk)
    {
        if (jwk.ValueKind != JsonValueKind.Object)
        {
            throw new JsonWebKeyException("A JWK must be a JSON object.");
        }

        string kty = RequiredString(jwk, "kty");
        string? kid = OptionalString(jwk, "kid");
        string? use = OptionalString(jwk, "use");
        string? alg = OptionalString(jwk, "alg");
        IReadOnlyList<string>? ops = OptionalStringArray(jwk, "key_ops");

        switch (kty)
        {
            case "oct":
                byte[] k = RequiredBytes(jwk, "k");
                if (k.Length == 0)
                {
                    throw new JsonWebKeyException("The oct key has an empty 'k'.");
                }

                return new JsonWebKey(k, kid, use, alg, ops);

            case "RSA":
                RSAParameters rsa = new()
                {
                    Modulus = TrimLeadingZeros(RequiredBytes(jwk, "n")),
                    Exponent = TrimLeadingZeros(RequiredBytes(jwk, "e")),
                };
                if (jwk.TryGetProperty("d", out _))
                {
                    rsa.D = RequiredBytes(jwk, "d");
                    rsa.P = RequiredBytes(jwk, "p");
                    rsa.Q = RequiredBytes(jwk, "q");
                    rsa.DP = RequiredBytes(jwk, "dp");
                    rsa.DQ = RequiredBytes(jwk, "dq");
                    rsa.InverseQ = RequiredBytes(jwk, "qi");
                }

                return Guard(() => new JsonWebKey(rsa, kid, use, alg, ops), "RSA");

            case "EC":
                string crv = RequiredString(jwk, "crv");
                if (crv is not ("P-256" or "P-384" or "P-521"))
                {
                    // Like an unknown kty: another party's key (e.g. secp256k1) in a shared set.
                    return null;
                }

                ECCurve curve = CurveFor(crv);
                int size = crv switch { "P-256" => 32, "P-384" => 48, _ => 66 };
                ECParameters ec = new()
                {
                    Curve = curve,
                    Q = new ECPoint { X = RequiredBytes(jwk, "x"), Y = RequiredBytes(jwk, "y") },
                };

                // RFC 7518 6.2.1.2: coordinates are exactly the curve's field size.
                if (ec.Q.X!.Length != size || ec.Q.Y!.Length != size)
                {
                    throw new JsonWebKeyException($"The EC key's coordinates must be {size} bytes for {crv}.");
                }

                if (jwk.TryGetProperty("d", out _))
                {
                    ec.D = RequiredBytes(jwk, "d");
                }

                return Guard(() => new JsonWebKey(ec, crv, kid, use, alg, ops), "EC");

            default:
                return null;
        }
    }

    private static string RequiredString(JsonElement jwk, string name)
    {
        return OptionalString(jwk, name)
            ?? throw new JsonWebKeyException($"The JWK lacks the member '{name}'.");
    }

    private static string? OptionalString(JsonElement jwk, string name)
    {
        if (!jwk.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new JsonWebKeyException($"The JWK member '{name}' must be a string.");
        }

        return value.GetString();
    }

    private static IReadOnlyList<string>? OptionalStringArray(JsonElement jwk, string name)
    {
        if (!jwk.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new JsonWebKeyException($"The JWK member '{name}' must be an array of strings.");
        }

        List<string> items = [];
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new JsonWebKeyException($"The JWK member '{name}' must be an array of strings.");
            }

            items.Add(item.GetString()!);
        }

        return items;
    }

    private static byte[] RequiredBytes(JsonElement jwk, string name)
    {
        string text = RequiredString(jwk, name);
        try
        {
            return Base64Url.DecodeFromChars(text);
        }
        catch (FormatException e)
        {
            throw new JsonWebKeyException($"The JWK member '{name}' is not base64url.", e);
        }
    }

    internal static byte[] TrimLeadingZeros(byte[] value)
    {
        int i = 0;
        while (i < value.Length - 1 && value[i] == 0)
        {
            i++;
        }

        return i == 0 ? value : value[i..];
    }
}
