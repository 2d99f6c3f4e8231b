using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace FastToken.Tests.Keys;

/// <summary>
/// An in-memory HTTP server for one test: each absolute URL answers what the test set, and
/// every request is counted. Unknown URLs answer 404.
/// </summary>
internal sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, Func<HttpResponseMessage>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Json(string url, string json) =>
        _routes[url] = () => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };

    public void Status(string url, HttpStatusCode status) =>
        _routes[url] = () => new HttpResponseMessage(status) { Content = new StringContent("") };

    public void Respond(string url, Func<HttpResponseMessage> response) => _routes[url] = response;

    public int Count(string url) => _counts.GetValueOrDefault(url);

    public int Total => _counts.Values.Sum();

    public HttpClient CreateClient() => new(this, disposeHandler: false);

    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        string url = request.RequestUri!.AbsoluteUri;
        _counts.AddOrUpdate(url, 1, (_, n) => n + 1);
        HttpResponseMessage response = _routes.TryGetValue(url, out Func<HttpResponseMessage>? make)
            ? make()
            : new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("") };
        return Task.FromResult(response);
    }
}
