using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FastToken.Browser.Tests.Support;

/// <summary>
/// A self-signed certificate made for one test run, for the https hosts of the sample: the
/// subdomains of <c>fasttoken.localtest</c>, <c>evil.localtest</c> and loopback. Written to a
/// temporary PFX file that Kestrel loads, and deleted at the end.
/// </summary>
internal sealed class TestCertificate : IDisposable
{
    private TestCertificate(string path, string password)
    {
        Path = path;
        Password = password;
    }

    public string Path { get; }

    public string Password { get; }

    public static TestCertificate Create()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CertificateRequest request = new("CN=FastToken sample test", key, HashAlgorithmName.SHA256);
        SubjectAlternativeNameBuilder names = new();
        names.AddDnsName("fasttoken.localtest");
        names.AddDnsName("*.fasttoken.localtest");
        names.AddDnsName("evil.localtest");
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1")], critical: false));

        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        string password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fasttoken-sample-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return new TestCertificate(path, password);
    }

    public void Dispose() => File.Delete(Path);
}
