using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using FastToken.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using FastJsonWebKey = FastToken.Keys.JsonWebKey;
using FastJsonWebKeySet = FastToken.Keys.JsonWebKeySet;
using MsJsonWebKey = Microsoft.IdentityModel.Tokens.JsonWebKey;

namespace FastToken.Tests.Interop;

/// <summary>
/// Microsoft.IdentityModel as an independent oracle: what it signs, FastToken accepts, and
/// what FastToken signs, it accepts, for every algorithm, with the key passed as a JWK.
/// </summary>
public sealed class IdentityModelInteropTests
{
    private static readonly DateTime s_now = DateTime.UnixEpoch.AddSeconds(TestTokens.Now);

    public static TheoryData<JwtAlgorithm> Algorithms() => [.. JwtAlgorithms.All];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Token_signed_by_identity_model_validates_in_fast_token(JwtAlgorithm algorithm)
    {
        (SecurityKey signingKey, FastJsonWebKey sameKey) = KeyPair(algorithm);
        SecurityTokenDescriptor descriptor = new()
        {
            Issuer = TestTokens.Issuer,
            Audience = TestTokens.Audience,
            IssuedAt = s_now.AddMinutes(-1),
            NotBefore = s_now.AddMinutes(-1),
            Expires = s_now.AddHours(1),
            TokenType = "at+jwt",
            Subject = new ClaimsIdentity([new Claim("sub", "alice"), new Claim("name", "Zoë \"Z\" <ø>")]),
            Claims = new Dictionary<string, object> { ["roles"] = new[] { "admin", "reader" }, ["level"] = 3 },
            SigningCredentials = new SigningCredentials(signingKey, JwtAlgorithms.GetName(algorithm)),
        };
        string token = new JsonWebTokenHandler().CreateToken(descriptor);

        // The key travels as JWK text, as a JWKS endpoint would serve it.
        FastJsonWebKeySet keys = FastJsonWebKeySet.Parse(Jwk(sameKey));
        JwtValidator validator = TestTokens.Validator(o =>
        {
            o.Keys = keys;
            o.RequiredType = "at+jwt";
            o.Algorithms = [algorithm];
        });
        using JwtValidationResult result = validator.Validate(token);

        Assert.Equal(TokenStatus.Valid, result.Status);
        Assert.Equal(algorithm, result.Algorithm);
        Assert.Equal("alice", Encoding.UTF8.GetString(result.Subject));
        Assert.Equal(TestTokens.Issuer, Encoding.UTF8.GetString(result.Issuer));
        Assert.True(result.Audiences.Contains(Encoding.UTF8.GetBytes(TestTokens.Audience)));
        Assert.Equal(new DateTimeOffset(s_now.AddHours(1)), result.ExpiresAt);
        Assert.True(result.TryGetString("name"u8, out ReadOnlySpan<byte> name));
        Assert.Equal("Zoë \"Z\" <ø>", Encoding.UTF8.GetString(name));
        Assert.True(result.TryGetStringArray("roles"u8, out JwtStringArray roles));
        Assert.True(roles.Contains("reader"u8));
        Assert.True(result.TryGetInt64("level"u8, out long level));
        Assert.Equal(3, level);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task Token_signed_by_fast_token_validates_in_identity_model(JwtAlgorithm algorithm)
    {
        // IdentityModel reads the system clock, so this token's lifetime is set from it.
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        FastJsonWebKey key = TestKeys.For(algorithm);
        string token = JwtWriter.Create(key, algorithm, TestTokens.Claims(now), "at+jwt");

        // FastToken's own JWK output is what IdentityModel reads the key from.
        MsJsonWebKey verificationKey = new(Jwk(key));
        TokenValidationParameters parameters = new()
        {
            ValidIssuer = TestTokens.Issuer,
            ValidAudience = TestTokens.Audience,
            IssuerSigningKey = verificationKey,
            ValidAlgorithms = [JwtAlgorithms.GetName(algorithm)],
            ValidTypes = ["at+jwt"],
        };
        TokenValidationResult result = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);

        Assert.True(result.IsValid, result.Exception?.ToString());
        Assert.Equal("user-12345", result.Claims["sub"]);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(now + 3600), result.SecurityToken.ValidTo);
    }

    [Theory]
    [InlineData(JwtAlgorithm.HS256)]
    [InlineData(JwtAlgorithm.RS256)]
    [InlineData(JwtAlgorithm.PS256)]
    [InlineData(JwtAlgorithm.ES256)]
    public async Task Both_refuse_a_tampered_token(JwtAlgorithm algorithm)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        FastJsonWebKey key = TestKeys.For(algorithm);
        string token = JwtWriter.Create(key, algorithm, TestTokens.Claims(now), "at+jwt");
        (string header, _, string signature) = TestTokens.Split(token);
        string tampered = $"{header}.{TestTokens.Encode(TestTokens.Claims(now, subject: "admin"))}.{signature}";
        TokenValidationParameters parameters = new()
        {
            ValidIssuer = TestTokens.Issuer,
            ValidAudience = TestTokens.Audience,
            IssuerSigningKey = new MsJsonWebKey(Jwk(key)),
        };
        JwtValidator validator = TestTokens.Validator(o => o.TimeProvider = TimeProvider.System);

        TokenValidationResult untouched = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
        TokenValidationResult oracle = await new JsonWebTokenHandler().ValidateTokenAsync(tampered, parameters);

        Assert.True(untouched.IsValid, untouched.Exception?.ToString());
        Assert.Equal(TokenStatus.Valid, validator.StatusOf(token));
        Assert.False(oracle.IsValid);
        Assert.IsType<SecurityTokenInvalidSignatureException>(oracle.Exception);
        Assert.Equal(TokenStatus.SignatureInvalid, validator.StatusOf(tampered));
    }

    /// <summary>The signing key in IdentityModel's form, and the same key material in FastToken's.</summary>
    private static (SecurityKey Signing, FastJsonWebKey Same) KeyPair(JwtAlgorithm algorithm)
    {
        string name = JwtAlgorithms.GetName(algorithm);
        if (name.StartsWith("HS", StringComparison.Ordinal))
        {
            byte[] secret = TestKeys.Secret((int)algorithm, name.EndsWith("256", StringComparison.Ordinal) ? 32 : 64);
            return (
                new SymmetricSecurityKey(secret) { KeyId = "im-hmac" },
                FastJsonWebKey.FromSymmetricKey(secret, "im-hmac"));
        }

        if (name.StartsWith("ES", StringComparison.Ordinal))
        {
            ECCurve curve = algorithm switch
            {
                JwtAlgorithm.ES256 => ECCurve.NamedCurves.nistP256,
                JwtAlgorithm.ES384 => ECCurve.NamedCurves.nistP384,
                _ => ECCurve.NamedCurves.nistP521,
            };
            ECDsa ecdsa = ECDsa.Create(curve);
            ECParameters parameters = ecdsa.ExportParameters(false);
            return (new ECDsaSecurityKey(ecdsa) { KeyId = "im-ec" }, FastJsonWebKey.FromECDsa(parameters, "im-ec"));
        }

        RSAParameters rsa = TestKeys.RsaParameters;
        RSAParameters publicPart = new() { Modulus = rsa.Modulus, Exponent = rsa.Exponent };
        return (new RsaSecurityKey(rsa) { KeyId = "im-rsa" }, FastJsonWebKey.FromRsa(publicPart, "im-rsa"));
    }

    private static string Jwk(FastJsonWebKey key) => key.ToJson(includePrivateParameters: key.KeyType == "oct");
}
