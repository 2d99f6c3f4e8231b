using System.IdentityModel.Tokens.Jwt;
using FastToken.Benchmarks.Fixtures;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastToken.Benchmarks.Competitors;

/// <summary>
/// The incumbents from Microsoft.IdentityModel, configured with the rules FastToken applies:
/// issuer, audience, lifetime with 30 s skew and a required <c>exp</c>, the one allowed
/// algorithm, <c>typ</c> = <c>at+jwt</c>, and the trusted key named by <c>kid</c>.
/// </summary>
internal sealed class IdentityModelVerifier
{
    private readonly TokenValidationParameters _parameters;
    private readonly JsonWebTokenHandler _jsonWebTokenHandler = new();
    private readonly JwtSecurityTokenHandler _jwtSecurityTokenHandler = new();

    public IdentityModelVerifier(TokenFixture fixture)
        : this(fixture.Algorithm, [KeyFor(fixture)])
    {
    }

    public IdentityModelVerifier(JwtAlgorithm algorithm, IEnumerable<SecurityKey> keys)
    {
        _parameters = CreateParameters(algorithm, keys);
    }

    /// <summary>The rules, as Microsoft.IdentityModel takes them.</summary>
    public static TokenValidationParameters CreateParameters(JwtAlgorithm algorithm, IEnumerable<SecurityKey> keys) =>
        new()
        {
            ValidIssuer = ClaimSets.Issuer,
            ValidAudience = ClaimSets.Audience,
            IssuerSigningKeys = keys,
            ValidAlgorithms = [JwtAlgorithms.GetName(algorithm)],
            ValidTypes = [ClaimSets.RequiredType],
            ClockSkew = TimeSpan.FromSeconds(30),
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        };

    /// <summary>The verification key as Microsoft.IdentityModel sees it.</summary>
    public static SecurityKey KeyFor(TokenFixture fixture)
    {
        SecurityKey key = fixture.Algorithm switch
        {
            JwtAlgorithm.HS256 => new SymmetricSecurityKey(fixture.Secret),
            JwtAlgorithm.ES256 => new ECDsaSecurityKey(fixture.Ecdsa),
            _ => new RsaSecurityKey(fixture.Rsa),
        };
        key.KeyId = TokenFixture.KeyId;
        return key;
    }

    /// <summary>
    /// <c>JsonWebTokenHandler.ValidateTokenAsync</c>. It completes synchronously when the keys
    /// are static, as here, so waiting on it adds no scheduling cost.
    /// </summary>
    public bool ValidateWithJsonWebTokenHandler(string token) =>
        _jsonWebTokenHandler.ValidateTokenAsync(token, _parameters).GetAwaiter().GetResult().IsValid;

    /// <summary><c>JwtSecurityTokenHandler.ValidateToken</c>, which reports a rejection by throwing.</summary>
    public bool ValidateWithJwtSecurityTokenHandler(string token)
    {
        try
        {
            return _jwtSecurityTokenHandler.ValidateToken(token, _parameters, out _) is not null;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (SecurityTokenException)
        {
            return false;
        }
    }
}
