using System.Text;

namespace FastToken.Tests.Extraction;

public class BearerTokenTests
{
    private const string Jwt =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

    public static TheoryData<string, ExtractionStatus, string> Cases => new()
    {
        // Scheme, matched ignoring ASCII case.
        { "Bearer abc", ExtractionStatus.Found, "abc" },
        { "bearer abc", ExtractionStatus.Found, "abc" },
        { "BEARER abc", ExtractionStatus.Found, "abc" },
        { "bEaReR abc", ExtractionStatus.Found, "abc" },
        { "Bearer " + Jwt, ExtractionStatus.Found, Jwt },
        { "Bearer mF_9.B5f-4.1JqM", ExtractionStatus.Found, "mF_9.B5f-4.1JqM" },

        // Separator and surrounding whitespace.
        { "Bearer    abc", ExtractionStatus.Found, "abc" },
        { "Bearer abc   ", ExtractionStatus.Found, "abc" },
        { "Bearer abc\t", ExtractionStatus.Found, "abc" },
        { "Bearer abc \t \t", ExtractionStatus.Found, "abc" },
        { "  \tBearer abc", ExtractionStatus.Found, "abc" },
        { "Bearer\tabc", ExtractionStatus.InvalidTokenCharacters, "" },
        { "Bearer \tabc", ExtractionStatus.InvalidTokenCharacters, "" },
        { "Bearer\t \tabc", ExtractionStatus.InvalidTokenCharacters, "" },

        // The b64token alphabet and its padding.
        { "Bearer AZaz09-._~+/", ExtractionStatus.Found, "AZaz09-._~+/" },
        { "Bearer abc=", ExtractionStatus.Found, "abc=" },
        { "Bearer abc==", ExtractionStatus.Found, "abc==" },
        { "Bearer a=====", ExtractionStatus.Found, "a=====" },
        { "Bearer =", ExtractionStatus.InvalidTokenCharacters, "" },
        { "Bearer ==abc", ExtractionStatus.InvalidTokenCharacters, "" },
        { "Bearer abc=def", ExtractionStatus.InvalidTokenCharacters, "" },
        { "Bearer abc def", ExtractionStatus.InvalidTokenCharacters, "" },
        { "Bearer abc,def", ExtractionStatus.InvalidTokenCharacters, "" },
        { "Bearer abc, Bearer def", ExtractionStatus.InvalidTokenCharacters, "" },
        { "Bearer abc, Basic dXNlcjpwYXNz", ExtractionStatus.InvalidTokenCharacters, "" },
        { "Bearer \"abc\"", ExtractionStatus.InvalidTokenCharacters, "" },
        { "Bearer ab%2Bc", ExtractionStatus.InvalidTokenCharacters, "" },
        { "Bearer abc;", ExtractionStatus.InvalidTokenCharacters, "" },
        { "Bearer abc\r", ExtractionStatus.InvalidTokenCharacters, "" },
        { "Bearer ab\0c", ExtractionStatus.InvalidTokenCharacters, "" },
        { "Bearer abcé", ExtractionStatus.InvalidTokenCharacters, "" },
        { "Bearer realm=\"x\"", ExtractionStatus.InvalidTokenCharacters, "" },

        // Bearer with no token.
        { "Bearer", ExtractionStatus.EmptyBearerToken, "" },
        { "bearer", ExtractionStatus.EmptyBearerToken, "" },
        { "Bearer ", ExtractionStatus.EmptyBearerToken, "" },
        { "Bearer   ", ExtractionStatus.EmptyBearerToken, "" },
        { "Bearer\t", ExtractionStatus.EmptyBearerToken, "" },
        { " Bearer \t ", ExtractionStatus.EmptyBearerToken, "" },

        // Not ours.
        { "", ExtractionStatus.NotFound, "" },
        { "   ", ExtractionStatus.NotFound, "" },
        { "\t", ExtractionStatus.NotFound, "" },
        { "Basic dXNlcjpwYXNz", ExtractionStatus.NotFound, "" },
        { "DPoP abc", ExtractionStatus.NotFound, "" },
        { "Token abc", ExtractionStatus.NotFound, "" },
        { "Bearerabc", ExtractionStatus.NotFound, "" },
        { "Bearer=abc", ExtractionStatus.NotFound, "" },
        { "Bear abc", ExtractionStatus.NotFound, "" },
        { "Bearers abc", ExtractionStatus.NotFound, "" },
        { "XBearer abc", ExtractionStatus.NotFound, "" },
        { "Bearer\u00A0abc", ExtractionStatus.NotFound, "" },
        { ",Bearer abc", ExtractionStatus.NotFound, "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reads_the_token_from_characters(string fieldValue, ExtractionStatus expected, string expectedToken)
    {
        ExtractionStatus status = BearerToken.TryParse(fieldValue, out ReadOnlySpan<char> token);

        Assert.Equal(expected, status);
        Assert.Equal(expectedToken, token.ToString());
        if (status == ExtractionStatus.Found)
        {
            Assert.True(fieldValue.AsSpan().Overlaps(token), "The token is a slice of the input.");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reads_the_token_from_bytes(string fieldValue, ExtractionStatus expected, string expectedToken)
    {
        byte[] raw = Encoding.UTF8.GetBytes(fieldValue);

        ExtractionStatus status = BearerToken.TryParse(raw, out ReadOnlySpan<byte> token);

        Assert.Equal(expected, status);
        Assert.Equal(expectedToken, Encoding.UTF8.GetString(token));
        if (status == ExtractionStatus.Found)
        {
            Assert.True(raw.AsSpan().Overlaps(token), "The token is a slice of the input.");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Agrees_with_the_oracle(string fieldValue, ExtractionStatus expected, string expectedToken)
    {
        Assert.Equal((expected, expectedToken), Oracle.Bearer(fieldValue));
    }

    [Fact]
    public void Rejects_bytes_that_are_not_ascii_in_the_token()
    {
        byte[] raw = [.. "Bearer abc"u8, 0xFF];

        Assert.Equal(ExtractionStatus.InvalidTokenCharacters, BearerToken.TryParse(raw, out ReadOnlySpan<byte> token));
        Assert.True(token.IsEmpty);
    }
}
