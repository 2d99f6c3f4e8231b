using System.Net;
using System.Net.Sockets;
using FastToken.Samples.Api;
using FastToken.Samples.Login;
using FastToken.Samples.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FastToken.Browser.Tests.Support;

/// <summary>
/// The sample's three servers on loopback (each on an http and an https port) and one headless
/// Chromium from the system, shared by all browser tests. Each test opens its own browser
/// context, so no cookie or storage leaks from one test to another.
/// </summary>
public sealed class SampleSites : IAsyncLifetime
{
    /// <summary>Where Debian installs Chromium.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The parent domain whose subdomains share the cross-site cookie.</summary>
    public const string ParentDomain = "fasttoken.localtest";

    private readonly List<WebApplication> _apps = [];
    private TestCertificate? _certificate;
    private IPlaywright? _playwright;

    public int LoginHttp { get; private set; }

    public int LoginHttps { get; private set; }

    public int ApiHttp { get; private set; }

    public int ApiHttps { get; private set; }

    public int WebHttp { get; private set; }

    public int WebHttps { get; private set; }

    /// <summary>The front end over plain http on loopback (paths 1 to 3).</summary>
    public string Web => $"http://127.0.0.1:{WebHttp}";

    /// <summary>The front end as the app subdomain over https (path 4).</summary>
    public string App => $"https://app.{ParentDomain}:{WebHttps}";

    /// <summary>The same server under a name on another site, playing the attacker.</summary>
    public string Evil => $"https://evil.localtest:{WebHttps}";

    /// <summary>The API as the api subdomain over https.</summary>
    public string Api => $"https://api.{ParentDomain}:{ApiHttps}";

    /// <summary>The API as the api subdomain over plain http.</summary>
    public string ApiOverHttp => $"http://api.{ParentDomain}:{ApiHttp}";

    public IBrowser Browser { get; private set; } = null!;

    public TokenIssuer Tokens { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ChromiumPath}: apt-get install chromium.");
        }

        _certificate = TestCertificate.Create();
        int[] ports = FreePorts(6);
        (LoginHttp, LoginHttps, ApiHttp, ApiHttps, WebHttp, WebHttps) =
            (ports[0], ports[1], ports[2], ports[3], ports[4], ports[5]);
        string loginUrl = $"http://127.0.0.1:{LoginHttp}";
        string apiUrl = $"http://127.0.0.1:{ApiHttp}";

        WebApplication login = await StartAsync(LoginServer.Create, LoginHttp, LoginHttps,
            $"--Login:Issuer={loginUrl}",
            $"--Login:CookieDomain={ParentDomain}",
            $"--Login:AllowedOrigins:0={App}");
        Tokens = login.Services.GetRequiredService<TokenIssuer>();

        await StartAsync(ApiServer.Create, ApiHttp, ApiHttps,
            $"--Authentication:Schemes:FastToken:Authority={loginUrl}",
            "--Authentication:Schemes:FastToken:Audience=samples-api",
            $"--Api:AllowedOrigins:0={App}");

        await StartAsync(WebServer.Create, WebHttp, WebHttps,
            $"--Web:ApiUrl={apiUrl}",
            $"--Web:LoginUrl={loginUrl}",
            $"--Web:CrossSite:ApiUrl={Api}",
            $"--Web:CrossSite:LoginUrl=https://login.{ParentDomain}:{LoginHttps}",
            $"--Authentication:Schemes:FastToken:Authority={loginUrl}",
            "--Authentication:Schemes:FastToken:Audience=samples-api");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",

                // The sample's host names, all on this machine; nothing leaves loopback.
                "--host-resolver-rules=MAP *.localtest 127.0.0.1",
            ],
        });
    }

    /// <summary>A fresh browser context: its own cookies and storage; the test's certificate is trusted.</summary>
    public async Task<IPage> NewPageAsync()
    {
        IBrowserContext context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true,
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        foreach (WebApplication app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        _certificate?.Dispose();
    }

    private async Task<WebApplication> StartAsync(
        Func<string[], WebApplication> create,
        int httpPort,
        int httpsPort,
        params string[] settings)
    {
        string[] args =
        [
            $"--urls=http://127.0.0.1:{httpPort};https://127.0.0.1:{httpsPort}",
            $"--Kestrel:Certificates:Default:Path={_certificate!.Path}",
            $"--Kestrel:Certificates:Default:Password={_certificate.Password}",
            "--Logging:LogLevel:Default=Warning",
            "--environment=Testing",
            .. settings,
        ];
        WebApplication app = create(args);
        _apps.Add(app);
        await app.StartAsync();
        return app;
    }

    private static int[] FreePorts(int count)
    {
        // All listeners stay open until every port is known, so no port is handed out twice.
        TcpListener[] listeners = [.. Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0))];
        try
        {
            foreach (TcpListener listener in listeners)
            {
                listener.Start();
            }

            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (TcpListener listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}

/// <summary>The browser tests share one set of servers and one browser.</summary>
[CollectionDefinition(nameof(SampleSitesCollection))]
public sealed class SampleSitesCollection : ICollectionFixture<SampleSites>;
