using System.Security.Cryptography;

namespace FastToken;

/// <summary>Names and properties of <see cref="JwtAlgorithm"/> values.</summary>
public static class JwtAlgorithms
{
    /// <summary>Every algorithm FastToken can verify.</summary>
    public static IReadOnlyList<JwtAlgorithm> All { get; } =
    [
        JwtAlgorithm.HS256, JwtAlgorithm.HS384, JwtAlgorithm.HS512,
        JwtAlgorithm.RS256, JwtAlgorithm.RS384, JwtAlgorithm.RS512,
        JwtAlgorithm.PS256, JwtAlgorithm.PS384, JwtAlgorithm.PS512,
        JwtAlgorithm.ES256, JwtAlgorithm.ES384, JwtAlgorithm.ES512,
    ];

    /// <summary>Returns the JOSE name of an algorithm, e.g. <c>RS256</c>.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>The name, or <c>unknown</c> for <see cref="JwtAlgorithm.Unknown"/>.</returns>
    public static string GetName(JwtAlgorithm algorithm) => algorithm switch
    {
        JwtAlgorithm.Unknown => "unknown",
        _ => algorithm.ToString(),
    };

    /// <summary>Parses a JOSE algorithm name. Matching is exact and case-sensitive (RFC 7515 4.1.1).</summary>
    /// <param name="name">The name, e.g. <c>ES256</c>.</param>
    /// <param name="algorithm">The algorithm, or <see cref="JwtAlgorithm.Unknown"/>.</param>
    /// <returns><see langword="true"/> for a supported algorithm; <see langword="false"/> otherwise,
    /// always for <c>none</c>.</returns>
    public static bool TryParse(ReadOnlySpan<char> name, out JwtAlgorithm algorithm)
    {
        Span<byte> utf8 = stackalloc byte[8];
        algorithm = JwtAlgorithm.Unknown;
        if (name.Length > utf8.Length)
        {
            return false;
        }

        for (int i = 0; i < name.Length; i++)
        {
            if (name[i] > 0x7F)
            {
                return false;
            }

            utf8[i] = (byte)name[i];
        }

        algorithm = FromUtf8(utf8[..name.Length]);
        return algorithm != JwtAlgorithm.Unknown;
    }

    /// <summary>
    /// Maps an unescaped UTF-8 algorithm name to the enum, <see cref="JwtAlgorithm.Unknown"/>
    /// if unsupported.
    /// </summary>
    internal static JwtAlgorithm FromUtf8(ReadOnlySpan<byte> name)
    {
        // Every supported name is five ASCII bytes: two letters and three digits.
        if (name.Length != 5)
        {
            return JwtAlgorithm.Unknown;
        }

        int bits = name[2..] switch
        {
            var s when s.SequenceEqual("256"u8) => 0,
            var s when s.SequenceEqual("384"u8) => 1,
            var s when s.SequenceEqual("512"u8) => 2,
            _ => -1,
        };
        if (bits < 0)
        {
            return JwtAlgorithm.Unknown;
        }

        JwtAlgorithm family = (name[0], name[1]) switch
        {
            ((byte)'H', (byte)'S') => JwtAlgorithm.HS256,
            ((byte)'R', (byte)'S') => JwtAlgorithm.RS256,
            ((byte)'P', (byte)'S') => JwtAlgorithm.PS256,
            ((byte)'E', (byte)'S') => JwtAlgorithm.ES256,
            _ => JwtAlgorithm.Unknown,
        };
        return family == JwtAlgorithm.Unknown ? JwtAlgorithm.Unknown : family + bits;
    }

    internal static bool IsHmac(JwtAlgorithm a) => a is >= JwtAlgorithm.HS256 and <= JwtAlgorithm.HS512;

    internal static bool IsRsa(JwtAlgorithm a) => a is >= JwtAlgorithm.RS256 and <= JwtAlgorithm.PS512;

    internal static bool IsPss(JwtAlgorithm a) => a is >= JwtAlgorithm.PS256 and <= JwtAlgorithm.PS512;

    internal static bool IsEcdsa(JwtAlgorithm a) => a is >= JwtAlgorithm.ES256 and <= JwtAlgorithm.ES512;

    /// <summary>The hash the algorithm signs with.</summary>
    internal static HashAlgorithmName GetHash(JwtAlgorithm a) => HashSize(a) switch
    {
        32 => HashAlgorithmName.SHA256,
        48 => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    };

    /// <summary>
    /// Output size in bytes of the algorithm's hash; HMAC keys must be at least this long (RFC
    /// 7518 3.2).
    /// </summary>
    internal static int HashSize(JwtAlgorithm a) => a switch
    {
        JwtAlgorithm.HS256 or JwtAlgorithm.RS256 or JwtAlgorithm.PS256 or JwtAlgorithm.ES256 => 32,
        JwtAlgorithm.HS384 or JwtAlgorithm.RS384 or JwtAlgorithm.PS384 or JwtAlgorithm.ES384 => 48,
        _ => 64,
    };

    /// <summary>The JWK curve name an ECDSA algorithm requires (RFC 7518 3.4).</summary>
    internal static string? GetCurveName(JwtAlgorithm a) => a switch
    {
        JwtAlgorithm.ES256 => "P-256",
        JwtAlgorithm.ES384 => "P-384",
        JwtAlgorithm.ES512 => "P-521",
        _ => null,
    };
}
