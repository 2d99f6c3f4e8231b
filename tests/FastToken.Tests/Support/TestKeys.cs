using System.Security.Cryptography;
using FastToken.Keys;

namespace FastToken.Tests.Support;

/// <summary>
/// Keys made once per test run, since generating RSA keys is slow. Each has a <c>kid</c> and
/// no <c>alg</c>, so one RSA key serves RS* and PS*; the key rules are tested with keys made
/// for the purpose.
/// </summary>
internal static class TestKeys
{
    private static readonly Lazy<RSAParameters> s_rsa = new(() => Export(RSA.Create(2048)));
    private static readonly Lazy<JsonWebKey> s_rsaKey = new(() => JsonWebKey.FromRsa(s_rsa.Value, "rsa"));
    private static readonly Lazy<JsonWebKey> s_otherRsaKey =
        new(() => JsonWebKey.FromRsa(Export(RSA.Create(2048)), "rsa"));

    private static readonly Lazy<JsonWebKeySet> s_publicSet = new(CreatePublicSet);

    public static JsonWebKey Hmac256 { get; } = JsonWebKey.FromSymmetricKey(Secret(1, 32), "hs256");

    public static JsonWebKey Hmac384 { get; } = JsonWebKey.FromSymmetricKey(Secret(2, 48), "hs384");

    public static JsonWebKey Hmac512 { get; } = JsonWebKey.FromSymmetricKey(Secret(3, 64), "hs512");

    /// <summary>The P-256 key's parameters, private part included, for the platform's own ECDsa.</summary>
    public static ECParameters P256Parameters { get; } = Generate(ECCurve.NamedCurves.nistP256);

    public static JsonWebKey P256 { get; } = JsonWebKey.FromECDsa(P256Parameters, "ec-p256");

    public static JsonWebKey P384 { get; } = Ec(ECCurve.NamedCurves.nistP384, "ec-p384");

    public static JsonWebKey P521 { get; } = Ec(ECCurve.NamedCurves.nistP521, "ec-p521");

    /// <summary>A 2048-bit RSA key with its private part, kid <c>rsa</c>.</summary>
    public static JsonWebKey Rsa => s_rsaKey.Value;

    /// <summary>Another 2048-bit RSA key with the same kid, to sign tokens the configured key must refuse.</summary>
    public static JsonWebKey OtherRsa => s_otherRsaKey.Value;

    public static RSAParameters RsaParameters => s_rsa.Value;

    /// <summary>Every key above, asymmetric ones public only, as a service would configure them.</summary>
    public static JsonWebKeySet PublicSet => s_publicSet.Value;

    /// <summary>The private (or symmetric) key that signs <paramref name="algorithm"/>.</summary>
    public static JsonWebKey For(JwtAlgorithm algorithm) => algorithm switch
    {
        JwtAlgorithm.HS256 => Hmac256,
        JwtAlgorithm.HS384 => Hmac384,
        JwtAlgorithm.HS512 => Hmac512,
        JwtAlgorithm.ES256 => P256,
        JwtAlgorithm.ES384 => P384,
        JwtAlgorithm.ES512 => P521,
        _ => Rsa,
    };

    /// <summary>A deterministic secret, so that failures reproduce.</summary>
    public static byte[] Secret(int seed, int length)
    {
        byte[] secret = new byte[length];
        new Random(seed).NextBytes(secret);
        return secret;
    }

    private static JsonWebKeySet CreatePublicSet() => new(
    [
        Hmac256, Hmac384, Hmac512, Rsa.ToPublicKey(), P256.ToPublicKey(), P384.ToPublicKey(), P521.ToPublicKey(),
    ]);

    private static RSAParameters Export(RSA rsa)
    {
        using (rsa)
        {
            return rsa.ExportParameters(true);
        }
    }

    private static JsonWebKey Ec(ECCurve curve, string keyId) => JsonWebKey.FromECDsa(Generate(curve), keyId);

    private static ECParameters Generate(ECCurve curve)
    {
        using ECDsa ecdsa = ECDsa.Create(curve);
        return ecdsa.ExportParameters(true);
    }
}
