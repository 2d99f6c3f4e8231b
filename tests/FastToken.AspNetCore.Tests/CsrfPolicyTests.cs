using Microsoft.AspNetCore.Http;

namespace FastToken.AspNetCore.Tests;

/// <summary>Every branch of the CSRF decision, on requests built in memory.</summary>
public sealed class CsrfPolicyTests
{
    private static readonly CsrfPolicy s_policy = new(new FastTokenCsrfOptions
    {
        AllowedOrigins = ["https://App.Example.test", "http://127.0.0.1:5001/"],
        DoubleSubmitCookieName = "csrf",
    });

    [Theory]
    [InlineData("POST", null, null, null, null, CsrfRefusal.OriginMissing)]
    [InlineData("PUT", "https://app.example.test", "cross-site", null, null, CsrfRefusal.None)]
    [InlineData("DELETE", "http://127.0.0.1:5001", "same-site", null, null, CsrfRefusal.None)]
    [InlineData("PATCH", "http://127.0.0.1:5002", "same-site", null, null, CsrfRefusal.OriginNotAllowed)]
    [InlineData("POST", "https://app.example.test.evil.test", null, null, null, CsrfRefusal.OriginNotAllowed)]
    [InlineData("POST", "null", "cross-site", null, null, CsrfRefusal.OpaqueOrigin)]
    [InlineData("POST", null, "same-origin", null, null, CsrfRefusal.None)]
    [InlineData("POST", null, "none", null, null, CsrfRefusal.None)]
    [InlineData("POST", null, "cross-site", null, null, CsrfRefusal.OriginMissing)]
    [InlineData("POST", "https://api.example.test", null, null, null, CsrfRefusal.None)]
    [InlineData("POST", "http://api.example.test", null, null, null, CsrfRefusal.OriginNotAllowed)]
    [InlineData("POST", "https://evil.test", "cross-site", "t0ken", "t0ken", CsrfRefusal.None)]
    [InlineData("POST", "https://evil.test", "cross-site", "t0ken", "t0kem", CsrfRefusal.OriginNotAllowed)]
    [InlineData("POST", "https://evil.test", "cross-site", "", "", CsrfRefusal.OriginNotAllowed)]
    [InlineData("POST", "https://evil.test", "cross-site", null, "t0ken", CsrfRefusal.OriginNotAllowed)]
    [InlineData("GET", "https://evil.test", "cross-site", null, null, CsrfRefusal.None)]
    [InlineData("TRACE", "https://evil.test", "cross-site", null, null, CsrfRefusal.None)]
    public void Decides_by_method_double_submit_fetch_metadata_and_origin(
        string method,
        string? origin,
        string? site,
        string? csrfCookie,
        string? csrfHeader,
        CsrfRefusal expected)
    {
        DefaultHttpContext context = new();
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("api.example.test");
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        if (site is not null)
        {
            context.Request.Headers["Sec-Fetch-Site"] = site;
        }

        if (csrfCookie is not null)
        {
            context.Request.Headers.Cookie = $"access_token=abc; csrf={csrfCookie}";
        }

        if (csrfHeader is not null)
        {
            context.Request.Headers["X-CSRF-Token"] = csrfHeader;
        }

        Assert.Equal(expected, s_policy.Check(context.Request));
    }

    [Fact]
    public void Two_origin_headers_are_refused()
    {
        DefaultHttpContext context = new();
        context.Request.Method = "POST";
        context.Request.Headers.Origin = new Microsoft.Extensions.Primitives.StringValues(
            ["https://app.example.test", "https://app.example.test"]);

        Assert.Equal(CsrfRefusal.OriginNotAllowed, s_policy.Check(context.Request));
    }

    [Fact]
    public void Requests_without_origin_can_be_allowed()
    {
        CsrfPolicy lenient = new(new FastTokenCsrfOptions { AllowRequestsWithoutOrigin = true });
        DefaultHttpContext plain = new();
        plain.Request.Method = "POST";
        DefaultHttpContext crossSiteWithoutOrigin = new();
        crossSiteWithoutOrigin.Request.Method = "POST";
        crossSiteWithoutOrigin.Request.Headers["Sec-Fetch-Site"] = "cross-site";

        Assert.Equal(CsrfRefusal.None, lenient.Check(plain.Request));
        Assert.Equal(CsrfRefusal.OriginMissing, lenient.Check(crossSiteWithoutOrigin.Request));
    }

    [Theory]
    [InlineData("app.example.test")]
    [InlineData("https://app.example.test/path")]
    [InlineData("ftp://app.example.test")]
    [InlineData("https://app.example.test?x=1")]
    public void Allowed_origins_must_be_origins(string origin)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => new CsrfPolicy(new FastTokenCsrfOptions { AllowedOrigins = [origin] }));
        Assert.Contains("is not an origin", error.Message);
    }

    [Fact]
    public void Allowed_origins_are_normalized()
    {
        CsrfPolicy policy = new(new FastTokenCsrfOptions
        {
            AllowedOrigins = ["HTTPS://App.Example.test:443", "http://localhost:8080/"],
        });

        Assert.Equal(["https://app.example.test", "http://localhost:8080"], policy.AllowedOrigins);
    }

    [Fact]
    public void Every_refusal_has_a_description_without_request_data()
    {
        foreach (CsrfRefusal refusal in Enum.GetValues<CsrfRefusal>())
        {
            Assert.False(string.IsNullOrWhiteSpace(refusal.GetDescription()));
        }
    }
}
