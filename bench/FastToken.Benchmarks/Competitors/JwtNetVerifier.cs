using FastToken.Benchmarks.Fixtures;
using JWT;
using JWT.Algorithms;
using JWT.Exceptions;
using JWT.Serializers;

namespace FastToken.Benchmarks.Competitors;

/// <summary>
/// JWT.Net checks the signature and the lifetime (<c>exp</c>, <c>nbf</c>) and parses the
/// claims. It has no issuer, audience, type or <c>kid</c> rules, and version 7 signs and
/// verifies only HMAC and RS256; PS256 and ES256 are left out of its columns.
/// </summary>
internal sealed class JwtNetVerifier
{
    // The key argument is used for HMAC; an RSA algorithm carries its own public key.
    private static readonly byte[] s_unusedKey = [0];

    private readonly JwtDecoder _decoder;
    private readonly byte[] _key;

    public JwtNetVerifier(TokenFixture fixture)
    {
        IJwtAlgorithm algorithm = fixture.Algorithm switch
        {
            JwtAlgorithm.HS256 => new HMACSHA256Algorithm(),
            JwtAlgorithm.RS256 => new RS256Algorithm(fixture.Rsa!),
            _ => throw new NotSupportedException($"JWT.Net 7 does not verify {fixture.Algorithm}."),
        };
        JsonNetSerializer serializer = new();
        JWT.JwtValidator validator = new(serializer, new UtcDateTimeProvider(), 30);
        _decoder = new JwtDecoder(serializer, validator, new JwtBase64UrlEncoder(), algorithm);
        _key = fixture.Secret ?? s_unusedKey;
    }

    public static bool Supports(JwtAlgorithm algorithm) => algorithm is JwtAlgorithm.HS256 or JwtAlgorithm.RS256;

    public bool Validate(string token)
    {
        try
        {
            return _decoder.DecodeToObject<Dictionary<string, object>>(token, _key, verify: true) is not null;
        }
        catch (SignatureVerificationException)
        {
            return false;
        }
        catch (InvalidTokenPartsException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
