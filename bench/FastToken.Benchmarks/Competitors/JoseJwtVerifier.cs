using FastToken.Benchmarks.Fixtures;
using Jose;
using JoseToken = Jose.JWT;

namespace FastToken.Benchmarks.Competitors;

/// <summary>
/// jose-jwt checks the signature and that the header's algorithm is the expected one, then
/// parses the claims. It has no issuer, audience, lifetime, type or <c>kid</c> rules; the
/// results table says so beside its numbers.
/// </summary>
internal sealed class JoseJwtVerifier
{
    private readonly object _key;
    private readonly JwsAlgorithm _algorithm;

    public JoseJwtVerifier(TokenFixture fixture)
    {
        (_key, _algorithm) = fixture.Algorithm switch
        {
            JwtAlgorithm.HS256 => ((object)fixture.Secret!, JwsAlgorithm.HS256),
            JwtAlgorithm.RS256 => (fixture.Rsa!, JwsAlgorithm.RS256),
            JwtAlgorithm.PS256 => (fixture.Rsa!, JwsAlgorithm.PS256),
            _ => (fixture.Ecdsa!, JwsAlgorithm.ES256),
        };
    }

    public bool Validate(string token)
    {
        try
        {
            return JoseToken.Decode<Dictionary<string, object>>(token, _key, _algorithm) is not null;
        }
        catch (JoseException)
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
