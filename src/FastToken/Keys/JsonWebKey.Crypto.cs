using System.Security.Cryptography;

namespace FastToken.Keys;

/// <summary>Whether a key may verify a token signed with a given algorithm.</summary>
internal enum KeyFit
{
    /// <summary>The key's type, curve, use or declared algorithm rules it out.</summary>
    NoFit,

    /// <summary>The key fits but is shorter than the algorithm requires.</summary>
    TooShort,

    /// <summary>The key may verify the token.</summary>
    Fits,
}

public sealed partial class JsonWebKey
{
    /// <summary>
    /// Binds algorithm to key (RFC 8725 3.1): an HMAC algorithm needs an oct key, RS/PS an RSA
    /// key, ES a key on the matching curve; a key's own <c>alg</c>, <c>use</c> and
    /// <c>key_ops</c> narrow that further. This is what closes RS256-to-HS256 confusion.
    /// </summary>
    internal KeyFit Fit(JwtAlgorithm algorithm, int minimumRsaBits)
    {
        // Everything but the RSA size rule is fixed at load, so a request costs two bit tests.
        uint bit = 1u << (int)algorithm;
        if ((_fitMask & bit) != 0)
        {
            return JwtAlgorithms.IsRsa(algorithm) && KeySizeInBits < minimumRsaBits ? KeyFit.TooShort : KeyFit.Fits;
        }

        return (_tooShortMask & bit) != 0 ? KeyFit.TooShort : KeyFit.NoFit;
    }

    /// <summary>Which algorithms the key fits, and which it is too short for, whatever the RSA minimum.</summary>
    private (uint Fits, uint TooShort) ComputeFitMasks()
    {
        uint fits = 0;
        uint tooShort = 0;
        foreach (JwtAlgorithm algorithm in JwtAlgorithms.All)
        {
            KeyFit fit = ComputeFit(algorithm);
            fits |= fit == KeyFit.Fits ? 1u << (int)algorithm : 0;
            tooShort |= fit == KeyFit.TooShort ? 1u << (int)algorithm : 0;
        }

        return (fits, tooShort);
    }

    private KeyFit ComputeFit(JwtAlgorithm algorithm)
    {
        if (Algorithm is not null && _declaredAlgorithm != algorithm)
        {
            return KeyFit.NoFit;
        }

        if (Use is not null && Use != "sig")
        {
            return KeyFit.NoFit;
        }

        if (KeyOperations is not null && !KeyOperations.Contains("verify"))
        {
            return KeyFit.NoFit;
        }

        if (JwtAlgorithms.IsHmac(algorithm))
        {
            if (_symmetricKey is null)
            {
                return KeyFit.NoFit;
            }

            // RFC 7518 3.2: a key of the same size as the hash output or larger.
            return _symmetricKey.Length >= JwtAlgorithms.HashSize(algorithm) ? KeyFit.Fits : KeyFit.TooShort;
        }

        if (JwtAlgorithms.IsRsa(algorithm))
        {
            if (_rsaPool is null)
            {
                return KeyFit.NoFit;
            }

            return KeyFit.Fits;
        }

        if (JwtAlgorithms.IsEcdsa(algorithm))
        {
            return _ecPool is not null && Curve == JwtAlgorithms.GetCurveName(algorithm) ? KeyFit.Fits : KeyFit.NoFit;
        }

        return KeyFit.NoFit;
    }

    /// <summary>Verifies a signature. The caller has checked <see cref="Fit"/> already.</summary>
    internal bool Verify(JwtAlgorithm algorithm, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (JwtAlgorithms.IsHmac(algorithm))
        {
            return VerifyHmac(algorithm, signingInput, signature);
        }

        if (JwtAlgorithms.IsRsa(algorithm))
        {
            // The signature is exactly as long as the modulus (RFC 8017 8.1.2, 8.2.2).
            if (signature.Length != _rsa.Modulus!.Length)
            {
                return false;
            }

            RSASignaturePadding padding = JwtAlgorithms.IsPss(algorithm)
                ? RSASignaturePadding.Pss
                : RSASignaturePadding.Pkcs1;
            RSA rsa = _rsaPool!.Rent();
            try
            {
                return rsa.VerifyData(signingInput, signature, JwtAlgorithms.GetHash(algorithm), padding);
            }
            catch (CryptographicException)
            {
                return false;
            }
            finally
            {
                _rsaPool.Return(rsa);
            }
        }

        // RFC 7518 3.4: R and S, each exactly the field size, concatenated (not DER).
        if (signature.Length != 2 * _ec.Q.X!.Length)
        {
            return false;
        }

        ECDsa ecdsa = _ecPool!.Rent();
        try
        {
            return ecdsa.VerifyData(signingInput, signature, JwtAlgorithms.GetHash(algorithm));
        }
        catch (CryptographicException)
        {
            return false;
        }
        finally
        {
            _ecPool.Return(ecdsa);
        }
    }

    private bool VerifyHmac(JwtAlgorithm algorithm, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        int size = JwtAlgorithms.HashSize(algorithm);
        if (signature.Length != size)
        {
            return false;
        }

        InstancePool<IncrementalHash> pool = _hmacPools![algorithm - JwtAlgorithm.HS256]!;
        IncrementalHash hmac = pool.Rent();
        Span<byte> mac = stackalloc byte[64];
        hmac.AppendData(signingInput);
        bool done = hmac.TryGetHashAndReset(mac, out int written);
        pool.Return(hmac);

        // A comparison whose time does not depend on where the bytes differ.
        return done && written == size && ConstantTime.AreEqual(mac[..size], signature);
    }

    /// <summary>Signs with this key's private part. Not on any hot path: used to mint tokens.</summary>
    internal byte[] Sign(JwtAlgorithm algorithm, ReadOnlySpan<byte> signingInput)
    {
        // A short key may still sign, so that tests can produce tokens the validator must refuse.
        if (Fit(algorithm, 0) == KeyFit.NoFit)
        {
            throw new InvalidOperationException($"This {KeyType} key cannot sign {algorithm}.");
        }

        if (JwtAlgorithms.IsHmac(algorithm))
        {
            return algorithm switch
            {
                JwtAlgorithm.HS256 => HMACSHA256.HashData(_symmetricKey!, signingInput),
                JwtAlgorithm.HS384 => HMACSHA384.HashData(_symmetricKey!, signingInput),
                _ => HMACSHA512.HashData(_symmetricKey!, signingInput),
            };
        }

        if (!HasPrivateKey)
        {
            throw new InvalidOperationException("Signing needs a private key.");
        }

        if (JwtAlgorithms.IsRsa(algorithm))
        {
            using RSA rsa = RSA.Create(_rsa);
            RSASignaturePadding padding = JwtAlgorithms.IsPss(algorithm)
                ? RSASignaturePadding.Pss
                : RSASignaturePadding.Pkcs1;
            return rsa.SignData(signingInput.ToArray(), JwtAlgorithms.GetHash(algorithm), padding);
        }

        using ECDsa ecdsa = ECDsa.Create(_ec);
        return ecdsa.SignData(signingInput.ToArray(), JwtAlgorithms.GetHash(algorithm));
    }
}
