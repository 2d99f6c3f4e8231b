using System.Net;
using System.Text;
using FastToken.Keys;
using FastToken.Tests.Support;

namespace FastToken.Tests.Keys;

public sealed class OpenIdConfigurationTests
{
    private const string Authority = "https://idp.example/tenant";
    private const string DiscoveryUrl = "https://idp.example/tenant/.well-known/openid-configuration";

    private static string Document(string issuer, string jwksUri = "https://idp.example/tenant/keys") => $$"""
        {
          "issuer": "{{issuer}}",
          "jwks_uri": "{{jwksUri}}",
          "token_endpoint": "https://idp.example/tenant/token",
          "authorization_endpoint": "https://idp.example/tenant/authorize",
          "id_token_signing_alg_values_supported": ["ES256", "RS256"],
          "response_types_supported": ["code"]
        }
        """;

    [Fact]
    public async Task Loads_the_document_under_the_authority_path()
    {
        FakeHttpHandler handler = new();
        handler.Json(DiscoveryUrl, Document(Authority));
        using HttpClient http = handler.CreateClient();

        OpenIdConfiguration configuration = await OpenIdConfiguration.LoadAsync(new Uri(Authority), http);

        Assert.Equal(1, handler.Count(DiscoveryUrl));
        Assert.Equal(Authority, configuration.Issuer);
        Assert.Equal(new Uri("https://idp.example/tenant/keys"), configuration.JwksUri);
        Assert.Equal(new Uri("https://idp.example/tenant/token"), configuration.TokenEndpoint);
        Assert.Equal(new Uri("https://idp.example/tenant/authorize"), configuration.AuthorizationEndpoint);
        Assert.Null(configuration.IntrospectionEndpoint);
        Assert.Equal(["ES256", "RS256"], configuration.IdTokenSigningAlgorithms);
    }

    [Theory]
    [InlineData("https://idp.example/tenant/", Authority)]
    [InlineData(Authority, "https://idp.example/tenant/")]
    public async Task A_trailing_slash_is_the_only_difference_forgiven(string authority, string issuer)
    {
        FakeHttpHandler handler = new();
        handler.Json(DiscoveryUrl, Document(issuer));
        using HttpClient http = handler.CreateClient();

        OpenIdConfiguration configuration = await OpenIdConfiguration.LoadAsync(new Uri(authority), http);

        // The issuer is kept as the provider wrote it: tokens carry that exact string.
        Assert.Equal(issuer, configuration.Issuer);
    }

    [Theory]
    [InlineData("https://idp.example/other")]
    [InlineData("https://evil.example/tenant")]
    [InlineData("https://idp.example/tenant/x")]
    [InlineData("http://idp.example/tenant")]
    [InlineData("https://IDP.example/tenant")]
    public async Task An_issuer_other_than_the_authority_is_refused(string issuer)
    {
        FakeHttpHandler handler = new();
        handler.Json(DiscoveryUrl, Document(issuer));
        using HttpClient http = handler.CreateClient();

        JsonWebKeyException e = await Assert.ThrowsAsync<JsonWebKeyException>(
            () => OpenIdConfiguration.LoadAsync(new Uri(Authority), http));

        Assert.Contains("not the authority", e.Message);
        Assert.Contains(issuer, e.Message);
    }

    [Theory]
    [InlineData("http://idp.example/tenant")]
    [InlineData("http://10.0.0.5")]
    [InlineData("ftp://idp.example/tenant")]
    public async Task Plain_http_to_a_host_other_than_loopback_is_refused_without_a_request(string authority)
    {
        FakeHttpHandler handler = new();
        using HttpClient http = handler.CreateClient();

        JsonWebKeyException e = await Assert.ThrowsAsync<JsonWebKeyException>(
            () => OpenIdConfiguration.LoadAsync(new Uri(authority), http));

        Assert.Contains("authority", e.Message);
        Assert.Equal(0, handler.Total);
    }

    [Fact]
    public async Task Plain_http_elsewhere_is_allowed_only_when_https_is_not_required()
    {
        const string authority = "http://idp.example";
        FakeHttpHandler handler = new();
        handler.Json(
            "http://idp.example/.well-known/openid-configuration",
            Document(authority, "http://idp.example/keys"));
        using HttpClient http = handler.CreateClient();

        OpenIdConfiguration configuration =
            await OpenIdConfiguration.LoadAsync(new Uri(authority), http, requireHttps: false);

        Assert.Equal(authority, configuration.Issuer);
    }

    [Fact]
    public async Task A_jwks_uri_over_plain_http_is_refused()
    {
        FakeHttpHandler handler = new();
        handler.Json(DiscoveryUrl, Document(Authority, "http://idp.example/tenant/keys"));
        using HttpClient http = handler.CreateClient();

        JsonWebKeyException e = await Assert.ThrowsAsync<JsonWebKeyException>(
            () => OpenIdConfiguration.LoadAsync(new Uri(Authority), http));

        Assert.Contains("jwks_uri", e.Message);
        Assert.Contains("https", e.Message);
    }

    [Fact]
    public async Task Plain_http_on_loopback_is_allowed_over_a_real_socket()
    {
        using LoopbackHttpServer server = new();
        string authority = server.BaseAddress.OriginalString;
        server.Json("/.well-known/openid-configuration", Document(authority, authority + "/keys"));
        using HttpClient http = new();

        OpenIdConfiguration configuration = await OpenIdConfiguration.LoadAsync(server.BaseAddress, http);

        Assert.Equal(authority, configuration.Issuer);
        Assert.Equal(1, server.Count("/.well-known/openid-configuration"));
    }

    [Theory]
    [InlineData("""{"jwks_uri":"https://idp.example/tenant/keys"}""", "no 'issuer'")]
    [InlineData("""{"issuer":"https://idp.example/tenant"}""", "no 'jwks_uri'")]
    [InlineData("""{"issuer":5,"jwks_uri":"https://idp.example/tenant/keys"}""", "'issuer' that is not a string")]
    [InlineData("""{"issuer":"https://idp.example/tenant","jwks_uri":"/keys"}""", "not an absolute http(s) URL")]
    [InlineData("""["issuer"]""", "not a JSON object")]
    [InlineData("""{"issuer":""", "not valid JSON")]
    public async Task A_broken_document_is_refused_with_a_message_that_says_why(string json, string expected)
    {
        FakeHttpHandler handler = new();
        handler.Json(DiscoveryUrl, json);
        using HttpClient http = handler.CreateClient();

        JsonWebKeyException e = await Assert.ThrowsAsync<JsonWebKeyException>(
            () => OpenIdConfiguration.LoadAsync(new Uri(Authority), http));

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public async Task A_status_other_than_200_is_refused()
    {
        FakeHttpHandler handler = new();
        handler.Status(DiscoveryUrl, HttpStatusCode.ServiceUnavailable);
        using HttpClient http = handler.CreateClient();

        JsonWebKeyException e = await Assert.ThrowsAsync<JsonWebKeyException>(
            () => OpenIdConfiguration.LoadAsync(new Uri(Authority), http));

        Assert.Contains("HTTP 503", e.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_document_over_one_mebibyte_is_refused_with_or_without_a_length(bool declaresLength)
    {
        string padding = new(' ', 1024 * 1024);
        byte[] body = Encoding.UTF8.GetBytes(Document(Authority).Replace("{", "{" + padding, StringComparison.Ordinal));
        FakeHttpHandler handler = new();
        handler.Respond(DiscoveryUrl, () => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = declaresLength ? new ByteArrayContent(body) : new StreamContent(new UnseekableStream(body)),
        });
        using HttpClient http = handler.CreateClient();

        JsonWebKeyException e = await Assert.ThrowsAsync<JsonWebKeyException>(
            () => OpenIdConfiguration.LoadAsync(new Uri(Authority), http));

        Assert.Contains("larger than 1048576 bytes", e.Message);
    }

    [Fact]
    public async Task An_authority_with_a_query_is_refused()
    {
        FakeHttpHandler handler = new();
        using HttpClient http = handler.CreateClient();

        await Assert.ThrowsAsync<JsonWebKeyException>(
            () => OpenIdConfiguration.LoadAsync(new Uri("https://idp.example/?tenant=a"), http));

        Assert.Equal(0, handler.Total);
    }

    /// <summary>A stream whose length is unknown, so the response carries no Content-Length.</summary>
    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
