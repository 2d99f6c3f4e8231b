using System.Security.Cryptography;
using System.Text;
using FastToken.Keys;

namespace FastToken.Benchmarks.Fixtures;

/// <summary>
/// Keys and tokens for one algorithm and one claim shape. The platform key objects handed to
/// the other libraries are public-only, like the ones FastToken gets, so every library does
/// the same verification work.
/// </summary>
internal sealed class TokenFixture : IDisposable
{
    public const string KeyId = "2025-01";

    public const string RetiredKeyId = "2019-04";

    private readonly JsonWebKey _signingKey;
    private readonly JsonWebKey _strangerKey;

    public TokenFixture(JwtAlgorithm algorithm, TokenShape shape)
    {
        Algorithm = algorithm;
        Shape = shape;
        Now = DateTimeOffset.UtcNow;
        if (algorithm == JwtAlgorithm.HS256)
        {
            Secret = RandomNumberGenerator.GetBytes(32);
            _signingKey = JsonWebKey.FromSymmetricKey(Secret, KeyId);
            _strangerKey = JsonWebKey.FromSymmetricKey(RandomNumberGenerator.GetBytes(32), RetiredKeyId);
            PublicKey = _signingKey;
        }
        else if (algorithm is JwtAlgorithm.RS256 or JwtAlgorithm.PS256)
        {
            using RSA rsa = RSA.Create(2048);
            RSAParameters full = rsa.ExportParameters(includePrivateParameters: true);
            RSAParameters publicPart = new() { Modulus = full.Modulus, Exponent = full.Exponent };
            Rsa = RSA.Create(publicPart);
            _signingKey = JsonWebKey.FromRsa(full, KeyId);
            PublicKey = JsonWebKey.FromRsa(publicPart, KeyId);
            using RSA stranger = RSA.Create(2048);
            _strangerKey = JsonWebKey.FromRsa(stranger.ExportParameters(true), RetiredKeyId);
        }
        else if (algorithm == JwtAlgorithm.ES256)
        {
            using ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            ECParameters full = ec.ExportParameters(includePrivateParameters: true);
            ECParameters publicPart = new() { Curve = full.Curve, Q = full.Q };
            Ecdsa = ECDsa.Create(publicPart);
            _signingKey = JsonWebKey.FromECDsa(full, KeyId);
            PublicKey = JsonWebKey.FromECDsa(publicPart, KeyId);
            using ECDsa stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            _strangerKey = JsonWebKey.FromECDsa(stranger.ExportParameters(true), RetiredKeyId);
        }
        else
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "The suite covers HS256, RS256, PS256 and ES256.");
        }

        KeySet = new JsonWebKeySet([PublicKey]);
        ValidToken = Sign(_signingKey, KeyId, Algorithm, ClaimSets.RequiredType, ClaimSets.For(shape, Now, expired: false));
    }

    public JwtAlgorithm Algorithm { get; }

    public TokenShape Shape { get; }

    public DateTimeOffset Now { get; }

    /// <summary>The HMAC secret, for HS256.</summary>
    public byte[]? Secret { get; }

    /// <summary>A public-only RSA key, for RS256 and PS256.</summary>
    public RSA? Rsa { get; }

    /// <summary>A public-only P-256 key, for ES256.</summary>
    public ECDsa? Ecdsa { get; }

    /// <summary>The verification key as FastToken sees it.</summary>
    public JsonWebKey PublicKey { get; }

    /// <summary>The trusted set: the one verification key.</summary>
    public JsonWebKeySet KeySet { get; }

    public string ValidToken { get; }

    /// <summary>The token for a scenario.</summary>
    public string TokenFor(Scenario scenario) => scenario switch
    {
        Scenario.Valid => ValidToken,
        Scenario.InvalidSignature => WithTamperedSignature(ValidToken),
        Scenario.Expired => Sign(_signingKey, KeyId, Algorithm, ClaimSets.RequiredType, ClaimSets.For(Shape, Now, expired: true)),
        Scenario.Malformed => WithForeignByte(ValidToken),
        Scenario.UnknownKid => Sign(_strangerKey, RetiredKeyId, Algorithm, ClaimSets.RequiredType, ClaimSets.For(Shape, Now, false)),
        Scenario.AlgorithmNotAllowed => SignAs(SiblingAlgorithm(Algorithm)),
        Scenario.WrongType => Sign(_signingKey, KeyId, Algorithm, "JWT", ClaimSets.For(Shape, Now, expired: false)),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    /// <summary>A token with exactly this claims set, signed by the trusted key.</summary>
    public string TokenWithClaims(string claimsJson) =>
        Sign(_signingKey, KeyId, Algorithm, ClaimSets.RequiredType, claimsJson);

    public void Dispose()
    {
        Rsa?.Dispose();
        Ecdsa?.Dispose();
    }

    private static string Sign(JsonWebKey key, string keyId, JwtAlgorithm algorithm, string type, string claimsJson)
    {
        string header = $$"""{"alg":"{{JwtAlgorithms.GetName(algorithm)}}","kid":"{{keyId}}","typ":"{{type}}"}""";
        return JwtWriter.CreateFromParts(key, algorithm, Encoding.UTF8.GetBytes(header), Encoding.UTF8.GetBytes(claimsJson));
    }

    /// <summary>Signed correctly with the trusted key, but the header names another algorithm.</summary>
    private string SignAs(JwtAlgorithm headerAlgorithm)
    {
        string header = $$"""{"alg":"{{JwtAlgorithms.GetName(headerAlgorithm)}}","kid":"{{KeyId}}","typ":"{{ClaimSets.RequiredType}}"}""";
        byte[] payload = Encoding.UTF8.GetBytes(ClaimSets.For(Shape, Now, expired: false));
        return JwtWriter.CreateFromParts(_signingKey, Algorithm, Encoding.UTF8.GetBytes(header), payload);
    }

    private static JwtAlgorithm SiblingAlgorithm(JwtAlgorithm algorithm) => algorithm switch
    {
        JwtAlgorithm.HS256 => JwtAlgorithm.HS384,
        JwtAlgorithm.RS256 => JwtAlgorithm.RS384,
        JwtAlgorithm.PS256 => JwtAlgorithm.PS384,
        _ => JwtAlgorithm.ES384,
    };

    private static string WithTamperedSignature(string token)
    {
        // A character in the middle of the signature, so the encoding stays canonical.
        char[] chars = token.ToCharArray();
        int index = token.LastIndexOf('.') + ((token.Length - token.LastIndexOf('.')) / 2);
        chars[index] = chars[index] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private static string WithForeignByte(string token)
    {
        // Late in the payload, so a scanner has to read most of the token to find it.
        char[] chars = token.ToCharArray();
        chars[token.LastIndexOf('.') - 3] = '!';
        return new string(chars);
    }
}
