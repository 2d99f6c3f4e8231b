using System.Numerics;
using System.Security.Cryptography;

namespace FastToken.Tests.Support;

/// <summary>
/// RSASSA-PSS signing with any salt length (RFC 8017 8.1.1, 9.1.1). The platform signs only
/// with a salt as long as the hash, which RFC 7518 3.5 requires; tests need the other lengths
/// that some libraries produce, to show they are refused. Test tooling, not for real keys.
/// </summary>
internal static class PssSigner
{
    public static byte[] Sign(RSAParameters key, ReadOnlySpan<byte> message, HashAlgorithmName hash, int saltLength)
    {
        int modulusBits = (int)new BigInteger(key.Modulus, isUnsigned: true, isBigEndian: true).GetBitLength();
        int emBits = modulusBits - 1;
        int emLength = (emBits + 7) / 8;
        byte[] messageHash = Hash(hash, message);
        int hashLength = messageHash.Length;
        byte[] salt = RandomNumberGenerator.GetBytes(saltLength);

        // M' = 8 zero bytes || mHash || salt, and H = Hash(M').
        byte[] h = Hash(hash, [.. new byte[8], .. messageHash, .. salt]);

        // DB = PS || 0x01 || salt, masked with MGF1(H); the top bits beyond emBits are cleared.
        byte[] db = new byte[emLength - hashLength - 1];
        db[db.Length - saltLength - 1] = 0x01;
        salt.CopyTo(db, db.Length - saltLength);
        byte[] mask = Mgf1(hash, h, db.Length);
        for (int i = 0; i < db.Length; i++)
        {
            db[i] ^= mask[i];
        }

        db[0] &= (byte)(0xFF >> ((8 * emLength) - emBits));
        byte[] encoded = [.. db, .. h, 0xBC];

        // s = EM^d mod n, as many bytes as the modulus.
        BigInteger n = new(key.Modulus, isUnsigned: true, isBigEndian: true);
        BigInteger d = new(key.D, isUnsigned: true, isBigEndian: true);
        byte[] s = BigInteger.ModPow(new BigInteger(encoded, isUnsigned: true, isBigEndian: true), d, n)
            .ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[key.Modulus!.Length - s.Length], .. s];
    }

    private static byte[] Mgf1(HashAlgorithmName hash, byte[] seed, int length)
    {
        List<byte> output = [];
        for (uint counter = 0; output.Count < length; counter++)
        {
            byte[] c = BitConverter.GetBytes(counter);
            if (BitConverter.IsLittleEndian)
            {
                Array.Reverse(c);
            }

            output.AddRange(Hash(hash, [.. seed, .. c]));
        }

        return [.. output.Take(length)];
    }

    private static byte[] Hash(HashAlgorithmName hash, ReadOnlySpan<byte> data) => hash.Name switch
    {
        "SHA256" => SHA256.HashData(data),
        "SHA384" => SHA384.HashData(data),
        _ => SHA512.HashData(data),
    };
}
