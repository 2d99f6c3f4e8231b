using System.Text;

namespace FastToken.Tests.Extraction;

public class CookieHeaderTests
{
    private const string Name = "access_token";

    // A null expected value means "no cookie with that name".
    public static TheoryData<string, string?> Cases => new()
    {
        { "access_token=abc", "abc" },
        { "a=1; access_token=abc; b=2", "abc" },
        { "a=1;access_token=abc;b=2", "abc" },
        { "a=1 ;  access_token = abc ; b=2", "abc" },
        { "a=1;\taccess_token=abc\t;b=2", "abc" },
        { "  access_token=abc  ", "abc" },

        // The value is everything after the first '='.
        { "access_token=abc=def", "abc=def" },
        { "access_token=abc==", "abc==" },
        { "access_token==abc", "=abc" },

        // Quotes delimit a value and are removed; unbalanced ones stay.
        { "access_token=\"abc\"", "abc" },
        { "access_token= \"abc\" ; b=2", "abc" },
        { "access_token=\"abc", "\"abc" },
        { "access_token=abc\"", "abc\"" },
        { "access_token=\"", "\"" },
        { "access_token=\"\"", "" },
        { "access_token=\"a\"b\"", "a\"b" },
        { "a=\"x;access_token=abc\"", "abc\"" },

        // Empty values are values.
        { "access_token=", "" },
        { "access_token=; b=2", "" },

        // First occurrence wins, names are case-sensitive.
        { "access_token=first; access_token=second", "first" },
        { "access_token=; access_token=second", "" },
        { "Access_Token=upper; access_token=lower", "lower" },
        { "ACCESS_TOKEN=upper", null },

        // Junk around the cookie does not hide it.
        { "junk; =nameless; ;; access_token=abc", "abc" },
        { ";;;access_token=abc;;;", "abc" },
        { "access_token; access_token=abc", "abc" },
        { "=; =abc; access_token=abc", "abc" },
        { "a=1;;  ;\t; access_token=abc", "abc" },
        { "access_token_old=x; my_access_token=y; access_token=abc", "abc" },

        // The name inside another pair's name or value is not a pair's name.
        { "a=x access_token=evil; access_token=real", "real" },
        { "a=\"access_token=evil\"; access_token=real", "real" },
        { "junk access_token=evil; access_token=real", "real" },
        { "access_token x=evil; access_token=real", "real" },
        { "access_tokenaccess_token=evil; access_token=real", "real" },
        { "access_token=access_token=x", "access_token=x" },

        // Not there.
        { "", null },
        { ";", null },
        { "access_token", null },
        { "access_tokenx=abc", null },
        { "xaccess_token=abc", null },
        { "access token=abc", null },
        { "a=access_token=abc", null },
        { "a=1; b=2", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Finds_the_cookie_in_characters(string header, string? expected)
    {
        bool found = CookieHeader.TryGetValue(header, Name, out ReadOnlySpan<char> value);

        Assert.Equal(expected is not null, found);
        Assert.Equal(expected ?? "", value.ToString());
        if (found && !value.IsEmpty)
        {
            Assert.True(header.AsSpan().Overlaps(value), "The value is a slice of the header.");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Finds_the_cookie_in_bytes(string header, string? expected)
    {
        byte[] raw = Encoding.UTF8.GetBytes(header);

        bool found = CookieHeader.TryGetValue(raw, "access_token"u8, out ReadOnlySpan<byte> value);

        Assert.Equal(expected is not null, found);
        Assert.Equal(expected ?? "", Encoding.UTF8.GetString(value));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Agrees_with_the_oracle(string header, string? expected)
    {
        Assert.Equal(expected, Oracle.Cookie([header], Name));
    }

    public static TheoryData<string?[], string?> SeveralFieldValues => new()
    {
        { ["a=1", "access_token=abc"], "abc" },
        { ["access_token=first", "access_token=second"], "first" },
        { ["a=1; access_token", "=x; access_token=abc"], "abc" },
        { [null, "", "access_token=abc"], "abc" },
        { ["a=1; b", "access_token=abc; c=3"], "abc" },
        { ["a=\"unterminated", "access_token=abc"], "abc" },
        { ["a=1", "b=2"], null },
        { [], null },
    };

    [Theory]
    [MemberData(nameof(SeveralFieldValues))]
    public void Reads_several_field_values_as_one_joined_by_semicolons(string?[] fieldValues, string? expected)
    {
        bool found = CookieHeader.TryGetValue(fieldValues, Name, out ReadOnlySpan<char> value);

        Assert.Equal(expected is not null, found);
        Assert.Equal(expected ?? "", value.ToString());
        Assert.Equal(expected, Oracle.Cookie(fieldValues, Name));
    }

    [Fact]
    public void An_empty_name_matches_nothing()
    {
        Assert.False(CookieHeader.TryGetValue("=abc; a=1", "", out ReadOnlySpan<char> value));
        Assert.True(value.IsEmpty);
    }
}
