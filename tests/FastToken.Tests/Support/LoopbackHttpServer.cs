using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FastToken.Tests.Support;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 and a free port, for tests that need a real
/// socket: it answers GETs with the JSON set per path, 404 otherwise, one request per
/// connection.
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, string> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Task _acceptLoop;

    public LoopbackHttpServer()
    {
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _acceptLoop = AcceptAsync();
    }

    /// <summary>The server's address, without a trailing slash.</summary>
    public Uri BaseAddress { get; }

    public void Json(string path, string json) => _documents[path] = json;

    public int Count(string path) => _counts.GetValueOrDefault(path);

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Stop();
        try
        {
            _acceptLoop.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The loop ends by cancellation; nothing else to report.
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }

            _ = ServeAsync(client).ContinueWith(
                t => _ = t.Exception,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            NetworkStream stream = client.GetStream();
            byte[] buffer = new byte[16 * 1024];
            int length = 0;
            while (length < buffer.Length)
            {
                int read = await stream.ReadAsync(buffer.AsMemory(length), _stopping.Token);
                if (read == 0)
                {
                    return;
                }

                length += read;
                if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
                {
                    break;
                }
            }

            string requestLine = Encoding.ASCII.GetString(buffer, 0, length).Split("\r\n")[0];
            string[] parts = requestLine.Split(' ');
            string path = parts.Length > 1 ? parts[1] : "";
            _counts.AddOrUpdate(path, 1, (_, n) => n + 1);

            string? body = null;
            bool found = parts[0] == "GET" && _documents.TryGetValue(path, out body);
            byte[] content = Encoding.UTF8.GetBytes(body ?? "{}");
            string head =
                $"HTTP/1.1 {(found ? "200 OK" : "404 Not Found")}\r\n" +
                "Content-Type: application/json\r\n" +
                $"Content-Length: {content.Length}\r\n" +
                "Connection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stopping.Token);
            await stream.WriteAsync(content, _stopping.Token);
        }
    }
}
