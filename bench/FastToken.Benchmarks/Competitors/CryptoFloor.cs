using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using FastToken.Benchmarks.Fixtures;

namespace FastToken.Benchmarks.Competitors;

/// <summary>
/// The least any verifier must do: the bare platform primitive over the signing input, with
/// the signature already decoded. HMAC uses one keyed instance reused for every call; RSA and
/// ECDSA hash the signing input and verify the hash with one reused key object.
/// </summary>
internal sealed class CryptoFloor : IDisposable
{
    private readonly JwtAlgorithm _algorithm;
    private readonly byte[] _signingInput;
    private readonly byte[] _signature;
    private readonly IncrementalHash? _hmac;
    private readonly RSA? _rsa;
    private readonly ECDsa? _ecdsa;

    public CryptoFloor(TokenFixture fixture)
        : this(fixture, fixture.ValidToken)
    {
    }

    /// <summary>A floor over the signing input and signature of <paramref name="token"/>.</summary>
    public CryptoFloor(TokenFixture fixture, string token)
    {
        int lastDot = token.LastIndexOf('.');
        _algorithm = fixture.Algorithm;
        _signingInput = Encoding.ASCII.GetBytes(token[..lastDot]);
        _signature = Base64Url.DecodeFromChars(token.AsSpan(lastDot + 1));
        _rsa = fixture.Rsa;
        _ecdsa = fixture.Ecdsa;
        if (fixture.Secret is not null)
        {
            _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, fixture.Secret);
        }
    }

    /// <summary>One verification; <see langword="true"/> when the signature holds.</summary>
    public bool Verify()
    {
        Span<byte> hash = stackalloc byte[32];
        if (_hmac is not null)
        {
            // The MAC alone: the comparison that a verifier adds is left out of the floor.
            _hmac.AppendData(_signingInput);
            return _hmac.TryGetHashAndReset(hash, out _) && hash[0] == _signature[0];
        }

        SHA256.HashData(_signingInput, hash);
        return _algorithm switch
        {
            JwtAlgorithm.RS256 => _rsa!.VerifyHash(hash, _signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            JwtAlgorithm.PS256 => _rsa!.VerifyHash(hash, _signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            _ => _ecdsa!.VerifyHash(hash, _signature),
        };
    }

    public void Dispose() => _hmac?.Dispose();
}
