using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using FastToken.Keys;

namespace FastToken.Tests.Interop;

/// <summary>
/// A real OpenID provider (oidc-provider on node, from tests/interop-provider) on a free
/// loopback port, started once for the interop tests and stopped after them. A machine
/// without node makes every interop test fail with a message that says so: these tests are
/// never skipped.
/// </summary>
public sealed class InteropProvider : IAsyncLifetime
{
    /// <summary>The resource the provider issues tokens for by default, and their audience.</summary>
    public const string Audience = "urn:fasttoken:api";

    /// <summary>A second resource, for tokens with the wrong audience.</summary>
    public const string OtherAudience = "urn:other:api";

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan s_npmTimeout = TimeSpan.FromMinutes(5);

    private readonly StringBuilder _stderr = new();
    private Process? _process;
    private OpenIdConfiguration? _configuration;

    /// <summary>The issuer, <c>http://127.0.0.1:PORT</c>.</summary>
    public Uri Authority { get; private set; } = null!;

    /// <summary>A client for the tests' requests to the provider.</summary>
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>How long starting took, npm included when it ran.</summary>
    public TimeSpan StartTime { get; private set; }

    public async Task InitializeAsync()
    {
        Stopwatch started = Stopwatch.StartNew();
        string directory = FindProviderDirectory();

        // The test project's build installs the packages; this covers a run of already
        // built tests on a fresh checkout (dotnet test --no-build).
        if (!File.Exists(Path.Combine(directory, "node_modules", ".package-lock.json")))
        {
            await RunToCompletionAsync("npm", ["ci", "--no-audit", "--no-fund"], directory, s_npmTimeout);
        }

        _process = Start("node", ["provider.mjs", "--port", "0", "--exit-on-stdin-close"], directory);
        _process.ErrorDataReceived += (_, e) => AppendStderr(e.Data);
        _process.BeginErrorReadLine();

        Authority = await WaitForReadyAsync(_process);
        _configuration = await OpenIdConfiguration.LoadAsync(Authority, Http);
        StartTime = started.Elapsed;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_process is null)
        {
            return;
        }

        using Process process = _process;
        try
        {
            // The provider exits when its stdin closes; kill it if it does not.
            process.StandardInput.Close();
            using CancellationTokenSource wait = new(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Gets an access token through the client_credentials grant.</summary>
    /// <param name="clientId"><c>client-es256</c>, <c>client-rs256</c> or <c>client-short</c>.</param>
    /// <param name="resource">The resource, which becomes the audience.</param>
    public async Task<string> GetAccessTokenAsync(string clientId, string resource = Audience)
    {
        using FormUrlEncodedContent form = new(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = "secret",
            ["resource"] = resource,
            ["scope"] = "api:read",
        });
        using HttpResponseMessage response = await Http.PostAsync(_configuration!.TokenEndpoint, form);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"The token endpoint answered {(int)response.StatusCode}: {body}");

        using JsonDocument json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private static string FindProviderDirectory()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "interop-provider");
            if (File.Exists(Path.Combine(candidate, "provider.mjs")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"tests/interop-provider/provider.mjs was not found above {AppContext.BaseDirectory}.");
    }

    private static Process Start(string program, string[] arguments, string directory)
    {
        ProcessStartInfo info = new(program, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            return Process.Start(info) ?? throw new InvalidOperationException($"'{program}' did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{program}' could not be started ({e.Message}). The interop tests need node and npm on PATH; " +
                "they are not optional.",
                e);
        }
    }

    private static async Task RunToCompletionAsync(
        string program,
        string[] arguments,
        string directory,
        TimeSpan timeout)
    {
        using Process process = Start(program, arguments, directory);
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using CancellationTokenSource cancel = new(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{program} {string.Join(' ', arguments)}' did not finish within {timeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{program} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}:\n" +
                await output + await error);
        }
    }

    private async Task<Uri> WaitForReadyAsync(Process process)
    {
        using CancellationTokenSource timeout = new(s_startTimeout);
        try
        {
            while (true)
            {
                string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    await process.WaitForExitAsync(timeout.Token);
                    throw new InvalidOperationException(
                        $"The interop provider exited with code {process.ExitCode} before it was ready:\n{Stderr()}");
                }

                if (line.StartsWith("READY ", StringComparison.Ordinal))
                {
                    return new Uri(line["READY ".Length..].Trim());
                }
            }
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"The interop provider did not print READY within {s_startTimeout.TotalSeconds} s:\n{Stderr()}");
        }
    }

    private void AppendStderr(string? line)
    {
        lock (_stderr)
        {
            // Enough to diagnose a failed start; a chatty provider cannot grow it without bound.
            if (line is not null && _stderr.Length < 64 * 1024)
            {
                _stderr.AppendLine(line);
            }
        }
    }

    private string Stderr()
    {
        lock (_stderr)
        {
            return _stderr.ToString();
        }
    }
}

/// <summary>The tests that share one running provider.</summary>
[CollectionDefinition(Name)]
public sealed class InteropCollection : ICollectionFixture<InteropProvider>
{
    public const string Name = "Interop provider";
}
