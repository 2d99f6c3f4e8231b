using System.Text;
using BenchmarkDotNet.Attributes;
using FastToken.Benchmarks.Fixtures;

namespace FastToken.Benchmarks.Suites;

/// <summary>
/// Finding the token in a request: a Bearer <c>Authorization</c> field, a cookie that comes
/// after ten others, and a cookie split into chunks the way ASP.NET Core's chunking cookie
/// manager writes it. Beside the Bearer case, the string-slicing way hosts commonly do it.
/// </summary>
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private const string CookieName = "access_token";

    private readonly TokenExtractor _fromHeader = new();
    private readonly TokenExtractor _fromCookie = new(new TokenExtractionOptions { Sources = TokenSources.Cookie, CookieName = CookieName });
    private string[] _authorization = null!;
    private string[] _cookies = null!;
    private string[] _chunkedCookies = null!;
    private char[] _chunkBuffer = null!;

    [GlobalSetup]
    public void Setup()
    {
        using TokenFixture fixture = new(JwtAlgorithm.HS256, TokenShape.Typical);
        string token = fixture.ValidToken;
        _authorization = [$"Bearer {token}"];
        _cookies = [$"{OtherCookies(10)}; {CookieName}={token}"];

        // Three chunks: the count cookie, then nameC1..nameC3, among five others.
        int third = (token.Length / 3) + 1;
        StringBuilder chunked = new(OtherCookies(5));
        chunked.Append($"; {CookieName}=chunks-3");
        for (int i = 0; i < 3; i++)
        {
            chunked.Append($"; {CookieName}C{i + 1}={token.Substring(i * third, Math.Min(third, token.Length - (i * third)))}");
        }

        _chunkedCookies = [chunked.ToString()];
        _chunkBuffer = new char[_fromCookie.RequiredChunkBufferLength];

        SuiteSetup.Expect(BearerHeader() == token.Length, "Bearer extraction");
        SuiteSetup.Expect(CookieAmongTen() == token.Length, "cookie extraction");
        SuiteSetup.Expect(ChunkedCookie() == token.Length, "chunked cookie extraction");
    }

    /// <summary>The <c>Authorization: Bearer</c> field (RFC 6750 2.1).</summary>
    [Benchmark]
    public int BearerHeader()
    {
        _fromHeader.Extract(_authorization, [], default, out ReadOnlySpan<char> token, out _);
        return token.Length;
    }

    /// <summary>The common host code: a prefix test, then a substring, which allocates the token.</summary>
    [Benchmark]
    public int BearerHeaderSubstring()
    {
        string value = _authorization[0];
        return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value["Bearer ".Length..].Trim().Length : 0;
    }

    /// <summary>The token cookie after ten others in one <c>Cookie</c> field (RFC 6265 5.4).</summary>
    [Benchmark]
    public int CookieAmongTen()
    {
        _fromCookie.Extract([], _cookies, _chunkBuffer, out ReadOnlySpan<char> token, out _);
        return token.Length;
    }

    /// <summary>The token in three chunk cookies among five others, assembled into a buffer.</summary>
    [Benchmark]
    public int ChunkedCookie()
    {
        _fromCookie.Extract([], _chunkedCookies, _chunkBuffer, out ReadOnlySpan<char> token, out _);
        return token.Length;
    }

    private static string OtherCookies(int count)
    {
        string[] names = ["_ga", "_gid", "session_pref", "theme", "locale", "consent", "ab_bucket", "cart_id", "csrf", "tz"];
        return string.Join("; ", Enumerable.Range(0, count).Select(i => $"{names[i % names.Length]}={Guid.NewGuid():N}"));
    }
}
