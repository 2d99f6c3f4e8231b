using System.Diagnostics;
using System.IO.Compression;

namespace FastToken.Generators.Tests;

/// <summary>
/// The packed FastToken package carries the generator: a consumer with one PackageReference
/// compiles a policy and runs it. Slow (it packs and builds), so there is only this one.
/// </summary>
public sealed class PackageTests
{
    private const string ConsumerProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <GenerateDocumentationFile>true</GenerateDocumentationFile>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="FastToken" Version="VERSION" />
          </ItemGroup>
        </Project>
        """;

    private const string ConsumerProgram = """"
        using System.Text;
        using FastToken;
        using FastToken.Keys;
        using FastToken.Policies;

        JsonWebKey key = JsonWebKey.FromSymmetricKey(new byte[32], "k1");
        JwtValidator validator = new(Access.CreateValidationOptions(new JsonWebKeySet([key])));
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string claims = $$"""{"iss":"https://login.example.com","sub":"user-7","scope":"read write","exp":{{now + 60}}}""";

        using TokenPolicyResult granted = Access.Validate(validator, JwtWriter.Create(key, JwtAlgorithm.HS256, claims), out Access access);
        using TokenPolicyResult refused = Access.Validate(validator, JwtWriter.Create(key, JwtAlgorithm.HS256, claims.Replace(" write", "")));
        Console.WriteLine($"{granted.IsAuthorized} {Encoding.UTF8.GetString(access.Subject)} {refused.Failure} {refused.Error.HttpStatus}");

        /// <summary>A policy compiled by the packaged generator.</summary>
        [TokenPolicy]
        [RequireIssuer("https://login.example.com")]
        [AllowAlgorithms("HS256")]
        [RequireScopes("read", "write")]
        public readonly partial struct Access
        {
            /// <summary>The subject.</summary>
            [Claim("sub")]
            public partial ReadOnlySpan<byte> Subject { get; }
        }
        """";

    [Fact]
    [Trait("Category", "Package")]
    public void Packed_package_generates_policies_for_a_consumer()
    {
        string work = Directory.CreateTempSubdirectory("fasttoken-package-").FullName;
        try
        {
            string version = "0.0.0-test" + DateTime.UtcNow.ToString("yyyyMMddHHmmss");
            string feed = Path.Combine(work, "feed");
            string library = Path.Combine(RepositoryRoot(), "src", "FastToken", "FastToken.csproj");
            Run(work, "dotnet", "pack", library, "-c", "Release", "-o", feed, $"-p:Version={version}");

            string package = Path.Combine(feed, $"FastToken.{version}.nupkg");
            using (ZipArchive archive = ZipFile.OpenRead(package))
            {
                Assert.Contains(archive.Entries, e => e.FullName == "analyzers/dotnet/cs/FastToken.Generators.dll");
                Assert.Contains(archive.Entries, e => e.FullName == "lib/net10.0/FastToken.dll");
                Assert.DoesNotContain(archive.Entries, e => e.FullName.StartsWith("lib/", StringComparison.Ordinal) &&
                    e.FullName.EndsWith("FastToken.Generators.dll", StringComparison.Ordinal));
            }

            string consumer = Path.Combine(work, "consumer");
            Directory.CreateDirectory(consumer);
            File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), ConsumerProject.Replace("VERSION", version));
            File.WriteAllText(Path.Combine(consumer, "Program.cs"), ConsumerProgram);

            // The local feed beside the sources the machine already uses; a private package folder,
            // so that no earlier package of the same name can stand in for this one.
            File.WriteAllText(Path.Combine(consumer, "NuGet.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="fasttoken-local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            string output = Run(
                consumer, "dotnet", "run", "--project", consumer, $"-p:RestorePackagesPath={Path.Combine(work, "packages")}");

            Assert.Equal("True user-7 Scope 403", output.Trim().Split('\n')[^1].Trim());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FastToken.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root was not found above the test binaries.");
    }

    private static string Run(string directory, string file, params string[] arguments)
    {
        ProcessStartInfo start = new(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(8)), $"{file} {string.Join(' ', arguments)} did not finish.");
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} failed:\n{output.Result}\n{error.Result}");
        return output.Result;
    }
}
