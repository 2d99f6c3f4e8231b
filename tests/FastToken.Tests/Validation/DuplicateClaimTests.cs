using System.Text;
using FastToken.Keys;
using FastToken.Tests.Support;

namespace FastToken.Tests.Validation;

/// <summary>
/// RFC 7519 4 and RFC 8725 3.1: a claims set with a repeated member name is refused, whatever
/// its size, and a large set of names alike in length and ends stays a linear pass.
/// </summary>
public sealed class DuplicateClaimTests
{
    private static readonly JsonWebKey s_key = JsonWebKey.FromSymmetricKey(new byte[32], "k");

    [Theory]
    [InlineData(5)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(200)]
    public void Distinct_names_of_one_shape_are_accepted(int count)
    {
        using JwtValidationResult result = Validate(Claims(count));

        Assert.Equal(TokenStatus.Valid, result.Status);
        Assert.Equal(count + 1, result.ClaimCount);
    }

    [Theory]
    [InlineData(10, 3)]
    [InlineData(40, 3)]
    [InlineData(40, 35)]
    [InlineData(200, 0)]
    [InlineData(200, 150)]
    public void A_repeated_name_is_refused_wherever_it_falls(int count, int repeated)
    {
        string claims = Claims(count).TrimEnd('}') + $",\"claim_{repeated:D3}\":\"again\"}}";

        using JwtValidationResult result = Validate(claims);

        Assert.Equal(TokenStatus.DuplicateMember, result.Status);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    public void A_name_repeated_through_an_escape_is_refused(int count)
    {
        // "claim_001" spelled with an escaped digit unescapes to the same name.
        string claims = Claims(count).TrimEnd('}') + ",\"claim_00\\u0031\":\"again\"}";

        using JwtValidationResult result = Validate(claims);

        Assert.Equal(TokenStatus.DuplicateMember, result.Status);
    }

    [Fact]
    public void A_pooled_context_forgets_the_names_of_the_previous_token()
    {
        // The same large token twice on one thread: the second pass must not see the first's names.
        string claims = Claims(100);
        using (JwtValidationResult first = Validate(claims))
        {
            Assert.Equal(TokenStatus.Valid, first.Status);
        }

        using JwtValidationResult second = Validate(claims);

        Assert.Equal(TokenStatus.Valid, second.Status);
    }

    private static string Claims(int count)
    {
        StringBuilder json = new("{\"exp\":1700000100");
        for (int i = 0; i < count; i++)
        {
            json.Append($",\"claim_{i:D3}\":{i}");
        }

        return json.Append('}').ToString();
    }

    private static JwtValidationResult Validate(string claims) => new JwtValidator(new JwtValidationOptions
    {
        Keys = new JsonWebKeySet([s_key]),
        ValidateIssuer = false,
        ValidateAudience = false,
        TimeProvider = FixedTimeProvider.AtUnixSeconds(1_700_000_000),
    }).Validate(JwtWriter.Create(s_key, JwtAlgorithm.HS256, claims));
}
