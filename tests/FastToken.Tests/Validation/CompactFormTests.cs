using System.Text;
using FastToken.Tests.Support;

namespace FastToken.Tests.Validation;

/// <summary>RFC 7515 7.1: exactly three base64url segments, canonical, nothing else.</summary>
public sealed class CompactFormTests
{
    private readonly JwtValidator _validator = TestTokens.Validator();

    [Fact]
    public void Well_formed_token_is_valid()
    {
        Assert.Equal(TokenStatus.Valid, _validator.StatusOf(TestTokens.Valid()));
    }

    [Fact]
    public void Two_segments_are_malformed()
    {
        (string header, string payload, _) = TestTokens.Split(TestTokens.Valid());

        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf($"{header}.{payload}"));
        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf(header));
    }

    [Fact]
    public void Four_or_five_segments_are_malformed()
    {
        string token = TestTokens.Valid();
        (_, _, string signature) = TestTokens.Split(token);

        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf($"{token}.{signature}"));
        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf($"{token}."));

        // A JWE has five segments; it is no JWS and is not decrypted here.
        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf($"{token}.{signature}.{signature}"));
    }

    [Fact]
    public void Empty_token_and_lone_dots_are_malformed()
    {
        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf(""));
        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf(".."));
        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf("..."));
    }

    [Fact]
    public void Empty_header_is_malformed()
    {
        (_, string payload, string signature) = TestTokens.Split(TestTokens.Valid());

        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf($".{payload}.{signature}"));
    }

    [Fact]
    public void Empty_payload_is_detached_content_and_malformed_even_when_signed()
    {
        // RFC 7515 F: the signature covers "header." only; a JWT never has detached claims.
        string header = TestTokens.Header(JwtAlgorithm.HS256, "hs256");
        string token = TestTokens.Sign(JwtAlgorithm.HS256, header, "");

        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf(token));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Padding_in_any_segment_is_malformed(int segment)
    {
        string[] parts = TestTokens.Valid().Split('.');
        parts[segment] += "=";

        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf(string.Join('.', parts)));
    }

    [Theory]
    [InlineData(" {0}")]
    [InlineData("{0} ")]
    [InlineData("{0}\n")]
    [InlineData("{0}\r\n")]
    [InlineData("\t{0}")]
    [InlineData("Bearer {0}")]
    public void White_space_around_the_token_is_malformed(string format)
    {
        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf(string.Format(format, TestTokens.Valid())));
    }

    [Fact]
    public void White_space_inside_a_segment_is_malformed()
    {
        string token = TestTokens.Valid();
        int inPayload = token.IndexOf('.') + 5;

        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf(token.Insert(inPayload, " ")));
        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf(token.Insert(inPayload, "\n")));
        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf(token.Insert(token.Length - 4, " ")));
    }

    [Fact]
    public void Plain_base64_characters_are_malformed()
    {
        // '+' and '/' belong to base64, not base64url (RFC 7515 2).
        string token = TestTokens.Valid();
        int inSignature = token.LastIndexOf('.') + 3;

        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf(token.Remove(inSignature, 1).Insert(inSignature, "+")));
        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf(token.Remove(inSignature, 1).Insert(inSignature, "/")));
    }

    [Fact]
    public void Non_ascii_characters_are_malformed_as_chars_and_as_bytes()
    {
        string token = TestTokens.Valid();
        string withAccent = token.Insert(10, "é");

        using JwtValidationResult fromChars = _validator.Validate(withAccent);
        using JwtValidationResult fromBytes = _validator.Validate(Encoding.UTF8.GetBytes(withAccent));
        using JwtValidationResult fromLatin1 = _validator.Validate(Encoding.Latin1.GetBytes(withAccent));

        Assert.Equal(TokenStatus.Malformed, fromChars.Status);
        Assert.Equal(TokenStatus.Malformed, fromBytes.Status);
        Assert.Equal(TokenStatus.Malformed, fromLatin1.Status);
    }

    [Fact]
    public void Nul_character_is_malformed()
    {
        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf(TestTokens.Valid() + "\0"));
    }

    [Fact]
    public void Non_canonical_trailing_bits_in_the_signature_are_malformed()
    {
        // An HS256 signature is 32 bytes: 43 characters whose last one carries two unused bits.
        // Were they ignored, one signature would have four spellings, and tokens could be
        // altered without breaking them (a replay-cache or deny-list bypass).
        string token = TestTokens.Valid();
        string variant = token[..^1] + TestTokens.NonCanonicalTwin(token[^1], unusedBits: 2);

        Assert.NotEqual(token, variant);
        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf(variant));
    }

    [Fact]
    public void Non_canonical_trailing_bits_in_the_header_are_malformed()
    {
        // 16 bytes of header encode to 22 characters with 4 unused bits at the end.
        const string header = "{\"alg\":\"HS256\" }";
        Assert.Equal(16, Encoding.UTF8.GetByteCount(header));
        string token = TestTokens.Sign(JwtAlgorithm.HS256, header, TestTokens.Claims());
        (string h, string p, string s) = TestTokens.Split(token);
        string variant = $"{h[..^1]}{TestTokens.NonCanonicalTwin(h[^1], unusedBits: 4)}.{p}.{s}";

        Assert.Equal(TokenStatus.Valid, _validator.StatusOf(token));
        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf(variant));
    }

    [Fact]
    public void Segment_of_impossible_length_is_malformed()
    {
        // A base64url segment of length 4n+1 encodes no whole number of bytes.
        (string header, string payload, string signature) = TestTokens.Split(TestTokens.Valid());
        string payload4nPlus1 = payload + new string('A', (5 - (payload.Length % 4)) % 4);
        Assert.Equal(1, payload4nPlus1.Length % 4);

        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf($"{header}.{payload4nPlus1}.{signature}"));
        Assert.Equal(1, (signature.Length + 2) % 4);
        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf($"{header}.{payload}.{signature}AA"));
    }

    [Fact]
    public void Oversized_signature_segment_is_malformed_not_decoded()
    {
        (string header, string payload, _) = TestTokens.Split(TestTokens.Valid());

        Assert.Equal(TokenStatus.Malformed, _validator.StatusOf($"{header}.{payload}.{new string('A', 2000)}"));
    }
}
