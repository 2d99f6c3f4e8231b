using System.Text;

namespace FastToken.Tests.Extraction;

public class ChunkedCookieTests
{
    private const string Name = "t";
    private const int MaxChunks = 12;
    private const int BufferLength = 64;

    private static readonly string s_thirtyTwo = new('a', 32);

    public static TheoryData<string, ExtractionStatus, string> Cases => new()
    {
        // Assembly, in chunk order whatever the cookie order.
        { "t=chunks-2; tC1=abc; tC2=def", ExtractionStatus.Found, "abcdef" },
        { "tC2=def; x=1; t=chunks-2; tC1=abc", ExtractionStatus.Found, "abcdef" },
        { "t=chunks-1; tC1=abc", ExtractionStatus.Found, "abc" },
        { "t=\"chunks-2\"; tC1=\"ab\"; tC2=cd", ExtractionStatus.Found, "abcd" },
        { "t=chunks-2;tC1=a=;tC2==b", ExtractionStatus.Found, "a==b" },
        { "t=chunks-04; tC1=a; tC2=b; tC3=c; tC4=d", ExtractionStatus.Found, "abcd" },
        { "t=chunks-1; tC1=abc; tC1=zzz", ExtractionStatus.Found, "abc" },
        {
            "t=chunks-12; tC1=a; tC2=b; tC3=c; tC4=d; tC5=e; tC6=f; tC7=g; tC8=h; tC9=i; "
                + "tC10=j; tC11=k; tC12=l",
            ExtractionStatus.Found,
            "abcdefghijkl"
        },
        { $"t=chunks-2; tC1={s_thirtyTwo}; tC2={s_thirtyTwo}", ExtractionStatus.Found, s_thirtyTwo + s_thirtyTwo },

        // Not chunked: the value itself.
        { "t=plain", ExtractionStatus.Found, "plain" },
        { "t=Chunks-2; tC1=a; tC2=b", ExtractionStatus.Found, "Chunks-2" },
        { "t=chunks2", ExtractionStatus.Found, "chunks2" },
        { "t=", ExtractionStatus.Found, "" },
        { "x=1; tC1=a", ExtractionStatus.NotFound, "" },
        { "", ExtractionStatus.NotFound, "" },

        // Missing chunks.
        { "t=chunks-2; tC1=abc", ExtractionStatus.CookieChunkMissing, "" },
        { "t=chunks-2; tC2=def", ExtractionStatus.CookieChunkMissing, "" },
        { "t=chunks-2; tC1=abc; tC2=", ExtractionStatus.CookieChunkMissing, "" },
        { "t=chunks-2; tC1=abc; tC2=\"\"", ExtractionStatus.CookieChunkMissing, "" },
        { "t=chunks-2; tC1=abc; tc2=def", ExtractionStatus.CookieChunkMissing, "" },
        { "t=chunks-2; tC01=abc; tC2=def", ExtractionStatus.CookieChunkMissing, "" },
        { "t=chunks-2; tC1=abc; TC2=def", ExtractionStatus.CookieChunkMissing, "" },
        { "t=chunks-10; tC1=a; tC2=b; tC3=c; tC4=d; tC5=e; tC6=f; tC7=g; tC8=h; tC9=i; tC1=j",
            ExtractionStatus.CookieChunkMissing, "" },

        // Bounds.
        { "t=chunks-13", ExtractionStatus.TooManyCookieChunks, "" },
        { "t=chunks-99999999999999999999999999", ExtractionStatus.TooManyCookieChunks, "" },
        { $"t=chunks-2; tC1={s_thirtyTwo}; tC2={s_thirtyTwo}b", ExtractionStatus.CookieChunksTooLong, "" },
        { $"t=chunks-1; tC1={s_thirtyTwo}{s_thirtyTwo}{s_thirtyTwo}", ExtractionStatus.CookieChunksTooLong, "" },

        // Counts that are not counts.
        { "t=chunks-0", ExtractionStatus.InvalidCookieChunkCount, "" },
        { "t=chunks-000", ExtractionStatus.InvalidCookieChunkCount, "" },
        { "t=chunks-", ExtractionStatus.InvalidCookieChunkCount, "" },
        { "t=chunks-x", ExtractionStatus.InvalidCookieChunkCount, "" },
        { "t=chunks--1", ExtractionStatus.InvalidCookieChunkCount, "" },
        { "t=chunks-+1", ExtractionStatus.InvalidCookieChunkCount, "" },
        { "t=chunks- 2", ExtractionStatus.InvalidCookieChunkCount, "" },
        { "t=chunks-2x; tC1=a; tC2=b", ExtractionStatus.InvalidCookieChunkCount, "" },
        { "t=chunks-٢; tC1=a; tC2=b", ExtractionStatus.InvalidCookieChunkCount, "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Assembles_from_characters(string header, ExtractionStatus expected, string expectedValue)
    {
        char[] buffer = new char[BufferLength];

        ExtractionStatus status =
            CookieHeader.TryGetChunkedValue(header, Name, buffer, MaxChunks, out ReadOnlySpan<char> value);

        Assert.Equal(expected, status);
        Assert.Equal(expectedValue, value.ToString());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Assembles_from_bytes(string header, ExtractionStatus expected, string expectedValue)
    {
        byte[] buffer = new byte[BufferLength];

        ExtractionStatus status = CookieHeader.TryGetChunkedValue(
            Encoding.UTF8.GetBytes(header), "t"u8, buffer, MaxChunks, out ReadOnlySpan<byte> value);

        Assert.Equal(expected, status);
        Assert.Equal(expectedValue, Encoding.UTF8.GetString(value));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Agrees_with_the_oracle(string header, ExtractionStatus expected, string expectedValue)
    {
        Assert.Equal((expected, expectedValue), Oracle.ChunkedCookie([header], Name, MaxChunks, BufferLength));
    }

    [Fact]
    public void Assembles_chunks_spread_over_several_field_values()
    {
        string?[] fieldValues = ["t=chunks-3; tC1=ab", null, "tC3=ef; tC2=cd"];
        char[] buffer = new char[BufferLength];

        ExtractionStatus status =
            CookieHeader.TryGetChunkedValue(fieldValues, Name, buffer, MaxChunks, out ReadOnlySpan<char> value);

        Assert.Equal(ExtractionStatus.Found, status);
        Assert.Equal("abcdef", value.ToString());
    }

    [Fact]
    public void An_unchunked_value_is_a_slice_of_the_header_and_the_buffer_stays_untouched()
    {
        const string header = "a=1; t=plain";
        char[] buffer = new char[BufferLength];

        CookieHeader.TryGetChunkedValue(header, Name, buffer, MaxChunks, out ReadOnlySpan<char> value);

        Assert.True(header.AsSpan().Overlaps(value));
        Assert.All(buffer, c => Assert.Equal('\0', c));
    }

    [Fact]
    public void An_assembled_value_is_a_slice_of_the_buffer()
    {
        char[] buffer = new char[BufferLength];

        CookieHeader.TryGetChunkedValue(
            "t=chunks-2; tC1=ab; tC2=cd", Name, buffer, MaxChunks, out ReadOnlySpan<char> value);

        Assert.True(buffer.AsSpan().Overlaps(value));
    }

    [Theory]
    [InlineData("t=chunks-3; tC1=abc; tC2=def")]
    [InlineData("t=chunks-2; tC1=abcdef; tC2=ghijklmnop")]
    public void A_failed_assembly_leaves_no_piece_of_the_token_in_the_buffer(string header)
    {
        char[] buffer = new char[8];

        ExtractionStatus status =
            CookieHeader.TryGetChunkedValue(header, Name, buffer, MaxChunks, out ReadOnlySpan<char> value);

        Assert.NotEqual(ExtractionStatus.Found, status);
        Assert.True(value.IsEmpty);
        Assert.All(buffer, c => Assert.Equal('\0', c));
    }

    [Fact]
    public void A_bound_of_zero_chunks_refuses_every_chunked_cookie()
    {
        ExtractionStatus status = CookieHeader.TryGetChunkedValue("t=chunks-1; tC1=abc", Name, [], 0, out _);

        Assert.Equal(ExtractionStatus.TooManyCookieChunks, status);
    }

    [Fact]
    public void A_negative_chunk_bound_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => CookieHeader.TryGetChunkedValue("t=x", Name, [], -1, out _));
    }
}
