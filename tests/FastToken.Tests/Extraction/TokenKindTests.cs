using System.Text;

namespace FastToken.Tests.Extraction;

public class TokenKindTests
{
    public static TheoryData<string, TokenKind> Cases => new()
    {
        { "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln", TokenKind.Jwt },
        { "eyJ.e.s", TokenKind.Jwt },
        { "eyJhbGciOiJFUzI1NiJ9.e30.AbC-_09", TokenKind.Jwt },

        // Not exactly two dots.
        { "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0", TokenKind.Opaque },
        { "eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d", TokenKind.Opaque },
        { "eyJhbGciOiJIUzI1NiJ9", TokenKind.Opaque },

        // Empty segments, including an unsecured JWT.
        { "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.", TokenKind.Opaque },
        { "eyJhbGciOiJIUzI1NiJ9..c2ln", TokenKind.Opaque },
        { ".eyJzdWIiOiIxIn0.c2ln", TokenKind.Opaque },
        { "..", TokenKind.Opaque },

        // Outside base64url: standard base64 and padding.
        { "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0=.c2ln", TokenKind.Opaque },
        { "eyJhbGciOiJIUzI1NiJ9.eyJz+WIiOiIxIn0.c2ln", TokenKind.Opaque },
        { "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2/n", TokenKind.Opaque },
        { "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2l~", TokenKind.Opaque },

        // A header that is not a JSON object starting with a quote.
        { "eyAiYWxnIjoiSFMyNTYifQ.eyJzdWIiOiIxIn0.c2ln", TokenKind.Opaque },
        { "EYJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln", TokenKind.Opaque },
        { "abc.def.ghi", TokenKind.Opaque },

        // Reference tokens.
        { "2YotnFZFEjr1zCsicMWpAA", TokenKind.Opaque },
        { "mF_9.B5f-4.1JqM", TokenKind.Opaque },
        { "", TokenKind.Opaque },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classifies_by_shape(string token, TokenKind expected)
    {
        Assert.Equal(expected, BearerToken.Classify(token));
        Assert.Equal(expected, BearerToken.Classify(Encoding.ASCII.GetBytes(token)));
    }
}
