using System.Text;
using FastToken.Keys;

namespace FastToken.Tests.Validation;

/// <summary>
/// JSON escapes may name a lone surrogate ("\ud800"), which has no UTF-8 form. The reader
/// throws InvalidOperationException when it unescapes or compares such text. The validator
/// refuses such text as malformed (RFC 7493 2.1), in the header before the signature check
/// and anywhere in the payload after it, so no claim read can meet it later.
/// </summary>
public sealed class LoneSurrogateTests
{
    private static readonly JsonWebKey s_key = JsonWebKey.FromSymmetricKey(new byte[32], "k1");

    private static readonly JwtValidator s_validator = new(new JwtValidationOptions
    {
        Keys = new JsonWebKeySet([s_key]),
        ValidIssuers = ["issuer"],
        ValidateAudience = false,
        RequireExpirationTime = false,
    });

    [Theory]
    [InlineData("""{"alg":"HS256","kid":"\ud800"}""", """{"iss":"issuer"}""", TokenStatus.Malformed)]
    [InlineData("""{"alg":"HS256","typ":"\udc00"}""", """{"iss":"issuer"}""", TokenStatus.Malformed)]
    [InlineData("""{"alg":"HS256","kid":"k1"}""", """{"iss":"\ud800"}""", TokenStatus.Malformed)]
    [InlineData("""{"alg":"HS256","kid":"k1"}""", """{"iss":"issuer","na\ud800me":1}""", TokenStatus.Malformed)]
    public void Lone_surrogate_escape_gives_a_status(string header, string payload, TokenStatus expected)
    {
        string token = JwtWriter.CreateFromParts(
            s_key, JwtAlgorithm.HS256, Encoding.UTF8.GetBytes(header), Encoding.UTF8.GetBytes(payload));

        using JwtValidationResult result = s_validator.Validate(token);

        Assert.Equal(expected, result.Status);
    }

    [Fact]
    public void Lone_surrogate_in_any_claim_value_makes_the_token_malformed()
    {
        string token = JwtWriter.CreateFromParts(
            s_key,
            JwtAlgorithm.HS256,
            """{"alg":"HS256","kid":"k1"}"""u8,
            """{"iss":"issuer","note":"a\ud800b"}"""u8);

        using JwtValidationResult result = s_validator.Validate(token);

        Assert.Equal(TokenStatus.Malformed, result.Status);
    }
}
