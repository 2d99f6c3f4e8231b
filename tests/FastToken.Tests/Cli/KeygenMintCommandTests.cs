using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using FastToken.Keys;

namespace FastToken.Tests.Cli;

public sealed class KeygenMintCommandTests : IDisposable
{
    private readonly CliFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("ES256", "EC")]
    [InlineData("ES384", "EC")]
    [InlineData("ES512", "EC")]
    [InlineData("RS256", "RSA")]
    [InlineData("PS384", "RSA")]
    public async Task Keygen_writes_a_private_jwk_and_a_public_set_that_verifies_what_the_private_one_signs(
        string alg,
        string kty)
    {
        string privateFile = _files.PathOf("private.json");
        string publicFile = _files.PathOf("public.json");

        CliRun keygen = await CliRun.RunAsync(
            "keygen", "--alg", alg, "--out-private", privateFile, "--out-public", publicFile);

        Assert.Equal(0, keygen.ExitCode);
        Assert.Equal("", keygen.Out);
        Assert.Contains("PRIVATE", Assert.Single(keygen.ErrorLines));
        JsonWebKey privateKey = JsonWebKey.Parse(File.ReadAllText(privateFile));
        JsonWebKey publicKey = Assert.Single(JsonWebKeySet.FromFile(publicFile).Keys);
        Assert.True(privateKey.HasPrivateKey);
        Assert.False(publicKey.HasPrivateKey);
        Assert.Equal(kty, publicKey.KeyType);
        Assert.Equal(alg, publicKey.Algorithm);
        Assert.Equal(privateKey.ComputeThumbprint(), publicKey.KeyId);
        Assert.DoesNotContain("\"d\"", File.ReadAllText(publicFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(privateFile));
        }

        CliRun mint = await CliRun.RunAsync(
            "mint", "--key", privateFile, "--claims", """{"sub":"x"}""", "--exp-in", "60");
        CliRun verify = await CliRun.RunAsync("verify", mint.Out.Trim(), "--key", publicFile, "--json");
        Assert.Equal(0, verify.ExitCode);
        Assert.Equal(alg, verify.Json().GetProperty("alg").GetString());
    }

    [Fact]
    public async Task Keygen_without_files_prints_the_private_jwk_then_the_public_set()
    {
        CliRun run = await CliRun.RunAsync("keygen", "--alg", "ES256", "--kid", "2024-signing");

        Assert.Equal(0, run.ExitCode);
        JsonReaderOptions options = new() { AllowMultipleValues = true };
        Utf8JsonReader reader = new(Encoding.UTF8.GetBytes(run.Out), options);
        using JsonDocument first = JsonDocument.ParseValue(ref reader);
        Assert.True(reader.Read());
        using JsonDocument second = JsonDocument.ParseValue(ref reader);
        Assert.False(reader.Read());
        Assert.Equal("2024-signing", first.RootElement.GetProperty("kid").GetString());
        Assert.True(first.RootElement.TryGetProperty("d", out _));
        JsonElement publicKey = Assert.Single(second.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal("2024-signing", publicKey.GetProperty("kid").GetString());
        Assert.False(publicKey.TryGetProperty("d", out _));
        Assert.Contains("in that order", run.Error);
    }

    [Fact]
    public async Task Keygen_for_hmac_gives_one_secret_jwk_and_says_it_is_secret()
    {
        CliRun run = await CliRun.RunAsync("keygen", "--alg", "HS384");

        Assert.Equal(0, run.ExitCode);
        using JsonDocument key = JsonDocument.Parse(run.Out);
        Assert.Equal("oct", key.RootElement.GetProperty("kty").GetString());
        Assert.Equal(48, Base64Url.DecodeFromChars(key.RootElement.GetProperty("k").GetString()).Length);
        Assert.Contains("SECRET", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Keygen_for_hmac_refuses_a_public_file()
    {
        CliRun run = await CliRun.RunAsync("keygen", "--alg", "HS256", "--out-public", _files.PathOf("p.json"));

        run.AssertUsageError("has no public part");
        Assert.False(File.Exists(_files.PathOf("p.json")));
    }

    [Theory]
    [InlineData(new[] { "keygen" }, "Option '--alg' is required")]
    [InlineData(new[] { "keygen", "--alg", "EdDSA" }, "'EdDSA' is not a supported algorithm")]
    public async Task Keygen_usage_errors_are_one_line(string[] args, string expected)
    {
        CliRun run = await CliRun.RunAsync(args);

        run.AssertUsageError(expected);
    }

    [Fact]
    public async Task Mint_sets_exp_and_iat_and_the_type()
    {
        JsonWebKey key = JsonWebKey.Generate(JwtAlgorithm.RS256);
        string keyFile = _files.Write("k.json", key.ToJson(includePrivateParameters: true));
        long before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        CliRun mint = await CliRun.RunAsync(
            "mint", "--key", keyFile, "--claims", """{"sub":"svc","iat":5}""", "--exp-in", "120", "--type", "at+jwt");

        Assert.Equal(0, mint.ExitCode);
        Assert.Equal("", mint.Error);
        CliRun inspect = await CliRun.RunAsync("inspect", mint.Out.Trim(), "--json");
        JsonElement json = inspect.Json();
        Assert.Equal("RS256", json.GetProperty("header").GetProperty("alg").GetString());
        Assert.Equal("at+jwt", json.GetProperty("header").GetProperty("typ").GetString());
        Assert.Equal(5, json.GetProperty("claims").GetProperty("iat").GetInt64());
        long exp = json.GetProperty("claims").GetProperty("exp").GetInt64();
        Assert.InRange(exp, before + 120, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 120);
    }

    [Fact]
    public async Task Mint_without_exp_warns_that_validators_will_refuse_it()
    {
        string key = JsonWebKey.Generate(JwtAlgorithm.ES384).ToJson(includePrivateParameters: true);

        CliRun mint = await CliRun.RunAsync("mint", "--key", key, "--claims", """{"sub":"x"}""");

        Assert.Equal(0, mint.ExitCode);
        Assert.Equal(3, mint.Out.Trim().Split('.').Length);
        Assert.Contains("no exp", Assert.Single(mint.ErrorLines));
        CliRun inspect = await CliRun.RunAsync("inspect", mint.Out.Trim(), "--json");
        Assert.Equal("ES384", inspect.Json().GetProperty("header").GetProperty("alg").GetString());
    }

    [Fact]
    public async Task Mint_refuses_a_public_key()
    {
        string key = JsonWebKey.Generate(JwtAlgorithm.ES256).ToPublicKey().ToJson();

        CliRun run = await CliRun.RunAsync("mint", "--key", key, "--claims", "{}");

        run.AssertUsageError("no private or secret key");
    }

    [Theory]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"sub\":", "not valid JSON")]
    [InlineData("@does-not-exist.json", "cannot read")]
    public async Task Mint_refuses_claims_that_are_not_an_object(string claims, string expected)
    {
        string key = JsonWebKey.Generate(JwtAlgorithm.ES256).ToJson(includePrivateParameters: true);

        CliRun run = await CliRun.RunAsync("mint", "--key", key, "--claims", claims);

        run.AssertUsageError(expected);
    }

    [Fact]
    public async Task Mint_refuses_an_algorithm_the_key_cannot_sign()
    {
        string key = JsonWebKey.Generate(JwtAlgorithm.ES256).ToJson(includePrivateParameters: true);

        CliRun run = await CliRun.RunAsync("mint", "--key", key, "--claims", "{}", "--alg", "RS256");

        run.AssertUsageError("cannot sign RS256");
    }
}
