using System.Security.Cryptography;
using System.Text;
using FastToken.Keys;
using FastToken.Tests.Support;

namespace FastToken.Tests.Validation;

/// <summary>RFC 7515 5.2: the signature must verify over exactly the signing input.</summary>
public sealed class SignatureRuleTests
{
    private readonly JwtValidator _validator = TestTokens.Validator();

    public static TheoryData<JwtAlgorithm> Algorithms() => [.. JwtAlgorithms.All];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Untouched_token_is_valid(JwtAlgorithm algorithm)
    {
        Assert.Equal(TokenStatus.Valid, _validator.StatusOf(TestTokens.Valid(algorithm)));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Flipped_signature_bit_is_signature_invalid(JwtAlgorithm algorithm)
    {
        (string header, string payload, string signature) = TestTokens.Split(TestTokens.Valid(algorithm));
        byte[] bytes = TestTokens.Decode(signature);
        foreach (int position in new[] { 0, bytes.Length / 2, bytes.Length - 1 })
        {
            byte[] flipped = (byte[])bytes.Clone();
            flipped[position] ^= 0x01;

            string token = $"{header}.{payload}.{TestTokens.Encode(flipped)}";
            Assert.Equal(TokenStatus.SignatureInvalid, _validator.StatusOf(token));
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Tampered_payload_is_signature_invalid(JwtAlgorithm algorithm)
    {
        (string header, _, string signature) = TestTokens.Split(TestTokens.Valid(algorithm));
        string elevated = TestTokens.Encode(TestTokens.Claims(subject: "admin"));

        Assert.Equal(TokenStatus.SignatureInvalid, _validator.StatusOf($"{header}.{elevated}.{signature}"));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Tampered_header_is_signature_invalid(JwtAlgorithm algorithm)
    {
        (_, string payload, string signature) = TestTokens.Split(TestTokens.Valid(algorithm));
        string retyped = TestTokens.Encode(TestTokens.Header(algorithm, TestKeys.For(algorithm).KeyId, "JWT"));

        Assert.Equal(TokenStatus.SignatureInvalid, _validator.StatusOf($"{retyped}.{payload}.{signature}"));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Signature_cut_short_or_empty_is_signature_invalid(JwtAlgorithm algorithm)
    {
        (string header, string payload, string signature) = TestTokens.Split(TestTokens.Valid(algorithm));
        byte[] bytes = TestTokens.Decode(signature);

        string shorter = TestTokens.Encode(bytes[..^1]);
        string longer = TestTokens.Encode([.. bytes, 0]);

        Assert.Equal(TokenStatus.SignatureInvalid, _validator.StatusOf($"{header}.{payload}.{shorter}"));
        Assert.Equal(TokenStatus.SignatureInvalid, _validator.StatusOf($"{header}.{payload}.{longer}"));
        Assert.Equal(TokenStatus.SignatureInvalid, _validator.StatusOf($"{header}.{payload}."));
    }

    [Theory]
    [InlineData(JwtAlgorithm.HS256)]
    [InlineData(JwtAlgorithm.RS256)]
    [InlineData(JwtAlgorithm.ES256)]
    public void Signature_of_another_token_is_signature_invalid(JwtAlgorithm algorithm)
    {
        (string header, string payload, _) = TestTokens.Split(TestTokens.Valid(algorithm));
        (_, _, string otherSignature) = TestTokens.Split(TestTokens.ValidFor("bob", algorithm));

        Assert.Equal(TokenStatus.SignatureInvalid, _validator.StatusOf($"{header}.{payload}.{otherSignature}"));
    }

    [Fact]
    public void Same_kid_but_another_rsa_key_is_signature_invalid()
    {
        string token = TestTokens.SignWithKid(TestKeys.OtherRsa, JwtAlgorithm.RS256, "rsa");

        Assert.Equal(TokenStatus.SignatureInvalid, _validator.StatusOf(token));
    }

    [Fact]
    public void Pkcs1_signature_presented_as_pss_is_signature_invalid()
    {
        // Same key, same hash, other padding: the header's alg must decide, and it says PS256.
        string rs = TestTokens.Valid(JwtAlgorithm.RS256);
        (_, string payload, string signature) = TestTokens.Split(rs);
        string psHeader = TestTokens.Encode(TestTokens.Header(JwtAlgorithm.PS256, "rsa"));
        string rsHeader = TestTokens.Encode(TestTokens.Header(JwtAlgorithm.RS256, "rsa"));
        Assert.StartsWith(rsHeader, rs);

        Assert.Equal(TokenStatus.SignatureInvalid, _validator.StatusOf($"{psHeader}.{payload}.{signature}"));
    }

    [Theory]
    [InlineData(JwtAlgorithm.PS256, 32, TokenStatus.Valid)]
    [InlineData(JwtAlgorithm.PS256, 0, TokenStatus.SignatureInvalid)]
    [InlineData(JwtAlgorithm.PS256, 20, TokenStatus.SignatureInvalid)]
    [InlineData(JwtAlgorithm.PS256, 222, TokenStatus.SignatureInvalid)]
    [InlineData(JwtAlgorithm.PS384, 48, TokenStatus.Valid)]
    [InlineData(JwtAlgorithm.PS384, 32, TokenStatus.SignatureInvalid)]
    [InlineData(JwtAlgorithm.PS512, 64, TokenStatus.Valid)]
    [InlineData(JwtAlgorithm.PS512, 0, TokenStatus.SignatureInvalid)]
    public void Pss_salt_must_be_as_long_as_the_hash(JwtAlgorithm algorithm, int saltLength, TokenStatus expected)
    {
        // RFC 7518 3.5: "The size of the salt value is the same size as the hash function
        // output." Signers that use the maximum salt, or none, do not make PS tokens.
        string header = TestTokens.Encode(TestTokens.Header(algorithm, "rsa"));
        string signingInput = $"{header}.{TestTokens.Encode(TestTokens.Claims())}";
        HashAlgorithmName hash = algorithm switch
        {
            JwtAlgorithm.PS256 => HashAlgorithmName.SHA256,
            JwtAlgorithm.PS384 => HashAlgorithmName.SHA384,
            _ => HashAlgorithmName.SHA512,
        };
        byte[] signature = PssSigner.Sign(
            TestKeys.RsaParameters, Encoding.ASCII.GetBytes(signingInput), hash, saltLength);

        Assert.Equal(expected, _validator.StatusOf($"{signingInput}.{TestTokens.Encode(signature)}"));
    }

    [Fact]
    public void Der_encoded_ecdsa_signature_is_signature_invalid()
    {
        // RFC 7518 3.4: R || S of fixed size, never ASN.1 DER.
        string header = TestTokens.Header(JwtAlgorithm.ES256, "ec-p256");
        string signingInput = $"{TestTokens.Encode(header)}.{TestTokens.Encode(TestTokens.Claims())}";
        using ECDsa ecdsa = ECDsa.Create(TestKeys.P256Parameters);
        byte[] der = ecdsa.SignData(
            Encoding.ASCII.GetBytes(signingInput),
            HashAlgorithmName.SHA256,
            DSASignatureFormat.Rfc3279DerSequence);
        byte[] p1363 = ecdsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);

        Assert.Equal(TokenStatus.SignatureInvalid, _validator.StatusOf($"{signingInput}.{TestTokens.Encode(der)}"));
        Assert.Equal(TokenStatus.Valid, _validator.StatusOf($"{signingInput}.{TestTokens.Encode(p1363)}"));
    }
}
