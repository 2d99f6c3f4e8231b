using System.Text;
using FastToken.Testing;

namespace FastToken.Tests.Extraction;

/// <summary>
/// The extraction hot path allocates nothing: after a warm-up, a thousand calls of each path
/// leave the current thread's allocation counter where it was. No timing is asserted.
/// </summary>
[Collection(AllocationCollection.Name)]
public class AllocationTests
{
    private const int Calls = 1000;

    private const string Jwt =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

    private static readonly string s_authorization = "Bearer " + Jwt;

    // Our cookie after ten others, the way a busy site's Cookie header looks.
    private static readonly string s_cookies = string.Join("; ", Enumerable.Range(1, 10)
        .Select(i => $"pref{i}=value{i}-{new string('x', i * 3)}")
        .Append("access_token=" + Jwt));

    private static readonly string s_chunkedCookies =
        "theme=dark; access_token=chunks-3; access_tokenC1=" + Jwt[..40] + "; lang=en; access_tokenC2="
        + Jwt[40..80] + "; access_tokenC3=" + Jwt[80..];

    private static readonly TokenExtractor s_headerExtractor = new();

    private static readonly TokenExtractor s_cookieExtractor =
        new(new TokenExtractionOptions { Sources = TokenSources.Cookie });

    private static readonly TokenExtractor s_bothExtractor =
        new(new TokenExtractionOptions { Sources = TokenSources.AuthorizationHeaderThenCookie });

    [Fact]
    public void Header_from_strings()
    {
        string?[] authorization = [s_authorization];

        AssertAllocatesNothing(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                ExtractionStatus status =
                    s_headerExtractor.Extract(authorization, [], [], out ReadOnlySpan<char> token, out _);
                Check(status, token.Length);
            }
        });
    }

    [Fact]
    public void Header_from_a_single_string_in_a_collection_expression()
    {
        string authorization = s_authorization;
        string cookie = s_cookies;

        AssertAllocatesNothing(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                ExtractionStatus status =
                    s_headerExtractor.Extract([authorization], [cookie], [], out ReadOnlySpan<char> token, out _);
                Check(status, token.Length);
            }
        });
    }

    [Fact]
    public void Header_from_bytes()
    {
        byte[] authorization = Encoding.ASCII.GetBytes(s_authorization);

        AssertAllocatesNothing(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                ExtractionStatus status =
                    s_headerExtractor.Extract(authorization, 1, [], [], out ReadOnlySpan<byte> token, out _);
                Check(status, token.Length);
            }
        });
    }

    [Fact]
    public void Cookie_among_ten_others_from_strings()
    {
        string?[] cookies = [s_cookies];
        char[] buffer = new char[s_cookieExtractor.RequiredChunkBufferLength];

        AssertAllocatesNothing(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                ExtractionStatus status =
                    s_cookieExtractor.Extract([], cookies, buffer, out ReadOnlySpan<char> token, out _);
                Check(status, token.Length);
            }
        });
    }

    [Fact]
    public void Cookie_among_ten_others_from_bytes()
    {
        byte[] cookies = Encoding.ASCII.GetBytes(s_cookies);
        byte[] buffer = new byte[s_cookieExtractor.RequiredChunkBufferLength];

        AssertAllocatesNothing(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                ExtractionStatus status =
                    s_cookieExtractor.Extract([], 0, cookies, buffer, out ReadOnlySpan<byte> token, out _);
                Check(status, token.Length);
            }
        });
    }

    [Fact]
    public void Chunked_cookie_into_a_caller_buffer_from_strings()
    {
        string?[] cookies = ["a=1", s_chunkedCookies];
        char[] buffer = new char[s_cookieExtractor.RequiredChunkBufferLength];

        AssertAllocatesNothing(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                ExtractionStatus status =
                    s_cookieExtractor.Extract([], cookies, buffer, out ReadOnlySpan<char> token, out _);
                Check(status, token.Length);
            }
        });
    }

    [Fact]
    public void Chunked_cookie_into_a_stack_buffer_from_bytes()
    {
        byte[] cookies = Encoding.ASCII.GetBytes(s_chunkedCookies);

        AssertAllocatesNothing(() =>
        {
            Span<byte> buffer = stackalloc byte[s_cookieExtractor.RequiredChunkBufferLength];
            for (int i = 0; i < Calls; i++)
            {
                ExtractionStatus status =
                    s_cookieExtractor.Extract([], 0, cookies, buffer, out ReadOnlySpan<byte> token, out _);
                Check(status, token.Length);
            }
        });
    }

    [Fact]
    public void Same_token_in_header_and_cookie_from_strings_and_bytes()
    {
        string?[] authorization = [s_authorization];
        string?[] cookies = [s_cookies];
        byte[] rawAuthorization = Encoding.ASCII.GetBytes(s_authorization);
        byte[] rawCookies = Encoding.ASCII.GetBytes(s_cookies);
        char[] chars = new char[s_bothExtractor.RequiredChunkBufferLength];
        byte[] bytes = new byte[s_bothExtractor.RequiredChunkBufferLength];

        AssertAllocatesNothing(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                ExtractionStatus status =
                    s_bothExtractor.Extract(authorization, cookies, chars, out ReadOnlySpan<char> token, out _);
                Check(status, token.Length);
                status = s_bothExtractor.Extract(
                    rawAuthorization, 1, rawCookies, bytes, out ReadOnlySpan<byte> raw, out _);
                Check(status, raw.Length);
            }
        });
    }

    [Fact]
    public void Low_level_primitives()
    {
        byte[] rawAuthorization = Encoding.ASCII.GetBytes(s_authorization);
        byte[] rawChunked = Encoding.ASCII.GetBytes(s_chunkedCookies);
        char[] chars = new char[256];
        byte[] bytes = new byte[256];

        AssertAllocatesNothing(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                ExtractionStatus status = BearerToken.TryParse(s_authorization, out ReadOnlySpan<char> token);
                Check(status, token.Length);
                status = BearerToken.TryParse(rawAuthorization, out ReadOnlySpan<byte> raw);
                Check(status, raw.Length);
                Check(BearerToken.Classify(token) == TokenKind.Jwt);
                Check(BearerToken.Classify(raw) == TokenKind.Jwt);
                bool found = CookieHeader.TryGetValue(s_cookies, "access_token", out ReadOnlySpan<char> value);
                Check(found && value.Length == Jwt.Length);
                status = CookieHeader.TryGetChunkedValue(s_chunkedCookies, "access_token", chars, 4, out value);
                Check(status, value.Length);
                status = CookieHeader.TryGetChunkedValue(rawChunked, "access_token"u8, bytes, 4, out raw);
                Check(status, raw.Length);
            }
        });
    }

    [Fact]
    public void Rejections()
    {
        string?[] twoAuthorizations = [s_authorization, s_authorization];
        string?[] badCookie = ["access_token=chunks-2; access_tokenC1=abc"];
        char[] buffer = new char[s_bothExtractor.RequiredChunkBufferLength];

        AssertAllocatesNothing(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                ExtractionStatus status = s_bothExtractor.Extract(twoAuthorizations, [], buffer, out _, out _);
                Check(status == ExtractionStatus.MultipleAuthorizationHeaders);
                status = s_bothExtractor.Extract([], badCookie, buffer, out _, out _);
                Check(status == ExtractionStatus.CookieChunkMissing);
                Check(status.GetDescription().Length > 0);
            }
        });
    }

    private static void AssertAllocatesNothing(Action calls)
    {
        // The first round runs static constructors, JIT compilation and tiering.
        calls();
        calls();

        long before = GC.GetAllocatedBytesForCurrentThread();
        calls();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static void Check(ExtractionStatus status, int tokenLength)
        => Check(status == ExtractionStatus.Found && tokenLength == Jwt.Length);

    private static void Check(bool condition)
    {
        // Assert.True would be fine too, but a plain throw keeps the measured loop free of
        // anything that might allocate on success.
        if (!condition)
        {
            throw new InvalidOperationException("An extraction inside the measured loop failed.");
        }
    }
}
