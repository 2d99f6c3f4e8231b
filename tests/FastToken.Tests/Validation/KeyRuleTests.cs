using System.Security.Cryptography;
using System.Text;
using FastToken.Keys;
using FastToken.Tests.Support;

namespace FastToken.Tests.Validation;

/// <summary>Which key may verify which token (RFC 8725 3.1, RFC 7518 3, RFC 7517 4).</summary>
public sealed class KeyRuleTests
{
    [Fact]
    public void Unknown_kid_is_key_not_found_and_tells_the_key_source()
    {
        CountingKeySource source = new(TestKeys.PublicSet);
        JwtValidator validator = TestTokens.Validator(o => o.Keys = source);
        string token = TestTokens.Sign(
            JwtAlgorithm.HS256,
            TestTokens.Header(JwtAlgorithm.HS256, "rotated-away"),
            TestTokens.Claims());

        Assert.Equal(TokenStatus.KeyNotFound, validator.StatusOf(token));
        Assert.Equal(2, source.NotFoundCalls);
    }

    [Fact]
    public void Kid_lookup_is_exact()
    {
        JwtValidator validator = TestTokens.Validator();

        Assert.Equal(TokenStatus.KeyNotFound, validator.StatusOf(WithKid(JwtAlgorithm.HS256, "HS256")));
        Assert.Equal(TokenStatus.KeyNotFound, validator.StatusOf(WithKid(JwtAlgorithm.HS256, "hs256 ")));
        Assert.Equal(TokenStatus.KeyNotFound, validator.StatusOf(WithKid(JwtAlgorithm.HS256, new string('k', 300))));
        Assert.Equal(TokenStatus.Valid, validator.StatusOf(WithKid(JwtAlgorithm.HS256, "hs256")));
    }

    [Fact]
    public void Escaped_kid_finds_its_key()
    {
        string header = "{\"alg\":\"HS256\",\"kid\":\"\\u0068s256\"}";
        string token = TestTokens.Sign(JwtAlgorithm.HS256, header, TestTokens.Claims());

        Assert.Equal(TokenStatus.Valid, TestTokens.Validator().StatusOf(token));
    }

    [Theory]
    [InlineData("modulus")]
    [InlineData("jwk")]
    [InlineData("spki der")]
    [InlineData("pem")]
    public void Rsa_public_key_used_as_hmac_secret_is_refused(string form)
    {
        // The classic confusion: the verifier holds only the RSA public key, the attacker
        // signs HS256 with that public key as the secret and hopes it is used as one.
        using RSA rsa = RSA.Create(TestKeys.RsaParameters);
        byte[] secret = form switch
        {
            "modulus" => TestKeys.RsaParameters.Modulus!,
            "jwk" => Encoding.UTF8.GetBytes(TestKeys.Rsa.ToPublicKey().ToJson()),
            "spki der" => rsa.ExportSubjectPublicKeyInfo(),
            _ => Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()),
        };
        JsonWebKey forged = JsonWebKey.FromSymmetricKey(secret);
        JwtValidator validator = TestTokens.Validator(o => o.Keys = new JsonWebKeySet([TestKeys.Rsa.ToPublicKey()]));
        string withKid = TestTokens.SignWithKid(forged, JwtAlgorithm.HS256, "rsa");
        string withoutKid = TestTokens.SignWithKid(forged, JwtAlgorithm.HS256, null);

        Assert.Equal(TokenStatus.AlgorithmNotAllowed, validator.StatusOf(withKid));
        Assert.Equal(TokenStatus.KeyNotFound, validator.StatusOf(withoutKid));
    }

    [Fact]
    public void Hmac_token_with_the_kid_of_an_ec_key_is_refused()
    {
        JsonWebKey forged = JsonWebKey.FromSymmetricKey(Encoding.UTF8.GetBytes(TestKeys.P256.ToPublicKey().ToJson()));
        string token = TestTokens.SignWithKid(forged, JwtAlgorithm.HS256, "ec-p256");

        Assert.Equal(TokenStatus.AlgorithmNotAllowed, TestTokens.Validator().StatusOf(token));
    }

    [Fact]
    public void Ec_token_naming_a_key_on_another_curve_is_refused()
    {
        // An ES384 signature made with the P-384 key, but the header points at the P-256 key.
        string token = TestTokens.SignWithKid(TestKeys.P384, JwtAlgorithm.ES384, "ec-p256");

        Assert.Equal(TokenStatus.AlgorithmNotAllowed, TestTokens.Validator().StatusOf(token));
    }

    [Theory]
    [InlineData(JwtAlgorithm.HS256, 31)]
    [InlineData(JwtAlgorithm.HS256, 16)]
    [InlineData(JwtAlgorithm.HS384, 47)]
    [InlineData(JwtAlgorithm.HS512, 32)]
    public void Hmac_key_shorter_than_the_hash_is_too_short(JwtAlgorithm algorithm, int keyBytes)
    {
        // RFC 7518 3.2: a key of the same size as the hash output or larger.
        JsonWebKey key = JsonWebKey.FromSymmetricKey(TestKeys.Secret(keyBytes, keyBytes), "short");
        JwtValidator validator = TestTokens.Validator(o => o.Keys = new JsonWebKeySet([key]));

        Assert.Equal(TokenStatus.KeyTooShort, validator.StatusOf(WithKid(key, algorithm, "short")));
        Assert.Equal(TokenStatus.KeyTooShort, validator.StatusOf(WithKid(key, algorithm, null)));
    }

    [Fact]
    public void Rsa_key_under_2048_bits_is_too_short_unless_allowed()
    {
        using RSA rsa = RSA.Create(1024);
        JsonWebKey key = JsonWebKey.FromRsa(rsa.ExportParameters(true), "rsa-1024");
        JsonWebKeySet keys = new([key.ToPublicKey()]);
        string token = WithKid(key, JwtAlgorithm.RS256, "rsa-1024");

        JwtValidator validator = TestTokens.Validator(o => o.Keys = keys);

        Assert.Equal(TokenStatus.KeyTooShort, validator.StatusOf(token));
        Assert.Equal(TokenStatus.KeyTooShort, validator.StatusOf(WithKid(key, JwtAlgorithm.PS256, null)));
        Assert.Equal(
            TokenStatus.Valid,
            TestTokens.Validator(o => (o.Keys, o.MinimumRsaKeySizeInBits) = (keys, 1024)).StatusOf(token));
    }

    [Fact]
    public void Rsa_key_size_counts_bits_not_bytes()
    {
        // A 256-byte modulus whose top byte is 0x01 is a 2041-bit key: under the 2048 minimum.
        byte[] modulus = [.. TestKeys.RsaParameters.Modulus!];
        modulus[0] = 0x01;
        RSAParameters parameters = new() { Modulus = modulus, Exponent = TestKeys.RsaParameters.Exponent };
        JsonWebKey key = JsonWebKey.FromRsa(parameters, "rsa");
        JwtValidator validator = TestTokens.Validator(o => o.Keys = new JsonWebKeySet([key]));

        Assert.Equal(2041, key.KeySizeInBits);
        Assert.Equal(TokenStatus.KeyTooShort, validator.StatusOf(WithKid(TestKeys.Rsa, JwtAlgorithm.RS256, "rsa")));
    }

    [Fact]
    public void Rsa_modulus_with_a_leading_zero_byte_still_verifies()
    {
        RSAParameters parameters = TestKeys.RsaParameters;
        JsonWebKey key = JsonWebKey.FromRsa(
            new RSAParameters { Modulus = [0, .. parameters.Modulus!], Exponent = parameters.Exponent }, "rsa");
        JwtValidator validator = TestTokens.Validator(o => o.Keys = new JsonWebKeySet([key]));

        Assert.Equal(2048, key.KeySizeInBits);
        Assert.Equal(TokenStatus.Valid, validator.StatusOf(WithKid(TestKeys.Rsa, JwtAlgorithm.RS256, "rsa")));
    }

    [Fact]
    public void Key_bound_to_another_alg_does_not_verify()
    {
        // RFC 7517 4.4: a key's alg names the one algorithm it is for.
        JsonWebKey bound = JsonWebKey.FromRsa(TestKeys.RsaParameters, "rsa", "RS384");
        JwtValidator validator = TestTokens.Validator(o => o.Keys = new JsonWebKeySet([bound.ToPublicKey()]));

        Assert.Equal(TokenStatus.AlgorithmNotAllowed, validator.StatusOf(WithKid(JwtAlgorithm.RS256, "rsa")));
        Assert.Equal(TokenStatus.KeyNotFound, validator.StatusOf(WithKid(JwtAlgorithm.RS256, null)));
        Assert.Equal(TokenStatus.Valid, validator.StatusOf(WithKid(JwtAlgorithm.RS384, "rsa")));
    }

    [Fact]
    public void Key_for_encryption_does_not_verify()
    {
        JwtValidator validator = ValidatorWithJwkMember("\"use\":\"enc\"");

        Assert.Equal(TokenStatus.AlgorithmNotAllowed, validator.StatusOf(WithKid(JwtAlgorithm.RS256, "rsa")));
        Assert.Equal(TokenStatus.KeyNotFound, validator.StatusOf(WithKid(JwtAlgorithm.RS256, null)));
        JwtValidator signing = ValidatorWithJwkMember("\"use\":\"sig\"");
        Assert.Equal(TokenStatus.Valid, signing.StatusOf(WithKid(JwtAlgorithm.RS256, "rsa")));
    }

    [Fact]
    public void Key_whose_operations_exclude_verify_does_not_verify()
    {
        JwtValidator signOnly = ValidatorWithJwkMember("\"key_ops\":[\"sign\",\"encrypt\"]");
        JwtValidator verify = ValidatorWithJwkMember("\"key_ops\":[\"verify\"]");

        Assert.Equal(TokenStatus.AlgorithmNotAllowed, signOnly.StatusOf(WithKid(JwtAlgorithm.RS256, "rsa")));
        Assert.Equal(TokenStatus.Valid, verify.StatusOf(WithKid(JwtAlgorithm.RS256, "rsa")));
    }

    [Fact]
    public void Kid_less_token_tries_at_most_the_configured_number_of_keys()
    {
        JsonWebKey[] keys =
            [.. Enumerable.Range(10, 5).Select(seed => JsonWebKey.FromSymmetricKey(TestKeys.Secret(seed, 32)))];
        JsonWebKeySet set = new(keys);
        string signedByFifth = WithKid(keys[4], JwtAlgorithm.HS256, null);
        string signedBySecond = WithKid(keys[1], JwtAlgorithm.HS256, null);

        JwtValidator three = TestTokens.Validator(o => (o.Keys, o.MaxKeyCandidates) = (set, 3));
        JwtValidator five = TestTokens.Validator(o => (o.Keys, o.MaxKeyCandidates) = (set, 5));

        Assert.Equal(TokenStatus.SignatureInvalid, three.StatusOf(signedByFifth));
        Assert.Equal(TokenStatus.Valid, three.StatusOf(signedBySecond));
        Assert.Equal(TokenStatus.Valid, five.StatusOf(signedByFifth));
    }

    [Fact]
    public void Kid_shared_by_old_and_new_key_verifies_with_either()
    {
        JsonWebKey old = JsonWebKey.FromSymmetricKey(TestKeys.Secret(20, 32), "current");
        JsonWebKey fresh = JsonWebKey.FromSymmetricKey(TestKeys.Secret(21, 32), "current");
        JwtValidator validator = TestTokens.Validator(o => o.Keys = new JsonWebKeySet([old, fresh]));

        Assert.Equal(TokenStatus.Valid, validator.StatusOf(WithKid(old, JwtAlgorithm.HS256, "current")));
        Assert.Equal(TokenStatus.Valid, validator.StatusOf(WithKid(fresh, JwtAlgorithm.HS256, "current")));
    }

    [Fact]
    public void Key_set_without_a_fitting_key_is_key_not_found()
    {
        JwtValidator hmacOnly = TestTokens.Validator(o => o.Keys = new JsonWebKeySet([TestKeys.Hmac256]));

        Assert.Equal(TokenStatus.KeyNotFound, hmacOnly.StatusOf(TestTokens.Valid(JwtAlgorithm.ES256)));
        Assert.Equal(TokenStatus.KeyNotFound, hmacOnly.StatusOf(WithKid(JwtAlgorithm.RS256, null)));
    }

    private static JwtValidator ValidatorWithJwkMember(string member)
    {
        string jwk = TestKeys.Rsa.ToPublicKey().ToJson().TrimEnd().TrimEnd('}') + "," + member + "}";
        return TestTokens.Validator(o => o.Keys = JsonWebKeySet.Parse(jwk));
    }

    private static string WithKid(JwtAlgorithm algorithm, string? kid) =>
        WithKid(TestKeys.For(algorithm), algorithm, kid);

    private static string WithKid(JsonWebKey key, JwtAlgorithm algorithm, string? kid) =>
        TestTokens.SignWithKid(key, algorithm, kid);

    /// <summary>A key source that counts how often the validator reports a missing key.</summary>
    private sealed class CountingKeySource(JsonWebKeySet keys) : IJsonWebKeySource
    {
        public int NotFoundCalls;

        public JsonWebKeySet Current => keys;

        public void OnKeyNotFound() => Interlocked.Increment(ref NotFoundCalls);
    }
}
