using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using FastToken.Cli;
using FastToken.Keys;
using FastToken.Tests.Support;

namespace FastToken.Tests.Cli;

public sealed class VerifyCommandTests : IDisposable
{
    private const long Now = 1_700_000_000;

    private static readonly string[] s_validShape = ["valid", "status", "alg", "kid", "header", "claims"];
    private static readonly string[] s_invalidShape = ["valid", "status", "error", "httpStatus", "description"];

    private readonly CliFiles _files = new();
    private readonly JsonWebKey _key = JsonWebKey.Generate(JwtAlgorithm.ES256);
    private readonly string _publicKeyFile;

    public VerifyCommandTests()
    {
        _publicKeyFile = _files.Write("public.json", new JsonWebKeySet([_key.ToPublicKey()]).ToJson());
    }

    public void Dispose() => _files.Dispose();

    private const string DefaultClaims =
        """{"iss":"https://idp.example","aud":"urn:api","sub":"alice","exp":1700000300}""";

    private string Token(string claims = DefaultClaims) => JwtWriter.Create(_key, JwtAlgorithm.ES256, claims, "at+jwt");

    private Task<CliRun> VerifyAsync(string token, params string[] more) =>
        CliRun.RunAsync(["verify", token, "--key", _publicKeyFile, "--now", Now.ToString(), .. more]);

    [Fact]
    public async Task Keygen_mint_verify_round_trip_gives_the_exact_valid_shape()
    {
        string privateFile = _files.PathOf("es256.private.json");
        string publicFile = _files.PathOf("es256.public.json");
        CliRun keygen = await CliRun.RunAsync(
            "keygen", "--alg", "ES256", "--out-private", privateFile, "--out-public", publicFile);
        Assert.Equal(0, keygen.ExitCode);
        string claims = _files.Write("claims.json", """{"iss":"https://idp.example","aud":"urn:api","sub":"alice"}""");
        CliRun mint = await CliRun.RunAsync(
            "mint", "--key", privateFile, "--claims", "@" + claims, "--type", "at+jwt", "--exp-in", "600");
        Assert.Equal(0, mint.ExitCode);

        CliRun verify = await CliRun.RunAsync(
            "verify", mint.Out.Trim(), "--key", publicFile, "--issuer", "https://idp.example",
            "--audience", "urn:api", "--type", "at+jwt", "--alg", "ES256", "--json");

        Assert.Equal(0, verify.ExitCode);
        Assert.Equal("", verify.Error);
        JsonElement json = verify.Json();
        Assert.Equal(s_validShape, CliRun.Names(json));
        Assert.True(json.GetProperty("valid").GetBoolean());
        Assert.Equal("valid", json.GetProperty("status").GetString());
        Assert.Equal("ES256", json.GetProperty("alg").GetString());
        string kid = JsonWebKeySet.FromFile(publicFile).Keys[0].KeyId!;
        Assert.Equal(kid, json.GetProperty("kid").GetString());
        Assert.Equal(["alg", "typ", "kid"], CliRun.Names(json.GetProperty("header")));
        Assert.Equal("at+jwt", json.GetProperty("header").GetProperty("typ").GetString());
        JsonElement payload = json.GetProperty("claims");
        Assert.Equal("alice", payload.GetProperty("sub").GetString());
        Assert.Equal(payload.GetProperty("iat").GetInt64() + 600, payload.GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task A_tampered_token_is_signature_invalid_with_exit_1_and_the_exact_invalid_shape()
    {
        // Same header and signature, a payload that grants more: the classic forgery.
        string[] parts = Token().Split('.');
        string forged = Base64Url.EncodeToString(
            Encoding.UTF8.GetBytes("""{"iss":"https://idp.example","aud":"urn:api","sub":"admin","exp":1700000300}"""));
        string tampered = $"{parts[0]}.{forged}.{parts[2]}";

        CliRun run = await VerifyAsync(tampered, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Error);
        JsonElement json = run.Json();
        Assert.Equal(s_invalidShape, CliRun.Names(json));
        Assert.False(json.GetProperty("valid").GetBoolean());
        Assert.Equal("signature-invalid", json.GetProperty("status").GetString());
        Assert.Equal("invalid_token", json.GetProperty("error").GetString());
        Assert.Equal(401, json.GetProperty("httpStatus").GetInt32());
        Assert.Equal(TokenError.Describe(TokenStatus.SignatureInvalid), json.GetProperty("description").GetString());
        Assert.DoesNotContain(forged, run.Out);
    }

    [Fact]
    public async Task The_token_can_come_from_stdin()
    {
        CliRun run = await CliRun.RunWithStdinAsync(
            Token() + "\n", "verify", "-", "--key", _publicKeyFile, "--now", Now.ToString(), "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.True(run.Json().GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_stdin_beyond_the_bound_is_too_large_not_read_whole()
    {
        string huge = new('a', CliInput.MaxStdinChars * 2);

        CliRun run = await CliRun.RunWithStdinAsync(huge, "verify", "-", "--key", _publicKeyFile, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("too-large", run.Json().GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("--issuer", "https://other.example", "issuer-invalid")]
    [InlineData("--audience", "urn:other", "audience-invalid")]
    [InlineData("--type", "JWT", "type-invalid")]
    [InlineData("--alg", "RS256", "algorithm-not-allowed")]
    public async Task Each_check_that_is_asked_for_is_applied(string option, string value, string status)
    {
        CliRun run = await VerifyAsync(Token(), option, value, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(status, run.Json().GetProperty("status").GetString());
    }

    [Fact]
    public async Task Repeated_issuers_and_audiences_each_count()
    {
        CliRun run = await VerifyAsync(
            Token(), "--issuer", "https://a.example", "--issuer", "https://idp.example",
            "--audience", "urn:b", "--audience", "urn:api", "--json");

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task Now_and_clock_skew_decide_expiry()
    {
        CliRun expired = await CliRun.RunAsync(
            "verify", Token(), "--key", _publicKeyFile, "--now", "1700000331", "--json");
        CliRun withinSkew = await CliRun.RunAsync(
            "verify", Token(), "--key", _publicKeyFile, "--now", "1700000331", "--clock-skew", "60", "--json");

        Assert.Equal(1, expired.ExitCode);
        Assert.Equal("expired", expired.Json().GetProperty("status").GetString());
        Assert.Equal(0, withinSkew.ExitCode);
    }

    [Fact]
    public async Task Text_output_says_which_checks_were_off()
    {
        CliRun run = await VerifyAsync(Token());

        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Out.Split('\n');
        Assert.Equal($"VALID  ES256, kid \"{_key.KeyId}\"", lines[0]);
        Assert.Equal("issuer:   NOT CHECKED (no --issuer)", lines[1]);
        Assert.Equal("audience: NOT CHECKED (no --audience)", lines[2]);
        Assert.Contains("\"sub\": \"alice\"", run.Out);
    }

    [Fact]
    public async Task Text_output_names_the_checks_that_ran_and_the_reason_for_refusal()
    {
        CliRun run = await VerifyAsync(Token(), "--issuer", "https://idp.example", "--audience", "urn:other");

        Assert.Equal(1, run.ExitCode);
        string[] lines = run.Out.Split('\n');
        Assert.Equal("INVALID  audience-invalid: The token audience is not accepted.", lines[0]);
        Assert.Equal("issuer:   checked against https://idp.example", lines[1]);
        Assert.Equal("audience: checked against urn:other", lines[2]);
    }

    [Fact]
    public async Task A_key_without_kid_gives_a_null_kid()
    {
        JsonWebKey secret = JsonWebKey.FromSymmetricKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        string token = JwtWriter.Create(secret, JwtAlgorithm.HS256, """{"exp":1700000300}""");

        CliRun run = await CliRun.RunAsync(
            "verify", token, "--key", secret.ToJson(includePrivateParameters: true), "--now", Now.ToString(), "--json");

        Assert.Equal(0, run.ExitCode);
        JsonElement json = run.Json();
        Assert.Equal(JsonValueKind.Null, json.GetProperty("kid").ValueKind);
        Assert.Equal("HS256", json.GetProperty("alg").GetString());
    }

    [Fact]
    public async Task Control_characters_from_a_token_never_reach_the_terminal_raw()
    {
        string token = Token("""{"sub":"\u001b[31mred\u009b","exp":1700000300}""");

        CliRun text = await VerifyAsync(token);
        CliRun json = await VerifyAsync(token, "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.DoesNotContain('\u001b', text.Out);
        Assert.DoesNotContain('\u009b', text.Out);
        Assert.DoesNotContain('\u001b', json.Out);
        Assert.Equal("\u001b[31mred\u009b", json.Json().GetProperty("claims").GetProperty("sub").GetString());
    }

    [Fact]
    public async Task Keys_come_from_a_jwks_uri_on_loopback()
    {
        using LoopbackHttpServer server = new();
        server.Json("/jwks", new JsonWebKeySet([_key.ToPublicKey()]).ToJson());

        CliRun run = await CliRun.RunAsync(
            "verify", Token(), "--jwks-uri", server.BaseAddress + "jwks", "--now", Now.ToString(), "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1, server.Count("/jwks"));
    }

    [Fact]
    public async Task Keys_come_from_an_authority_whose_issuer_is_then_required()
    {
        using LoopbackHttpServer server = new();
        string authority = server.BaseAddress.OriginalString;
        server.Json(
            "/.well-known/openid-configuration",
            $$"""{"issuer":"{{authority}}","jwks_uri":"{{authority}}/jwks"}""");
        server.Json("/jwks", new JsonWebKeySet([_key.ToPublicKey()]).ToJson());
        string ours = Token($$"""{"iss":"{{authority}}","exp":1700000300}""");
        string foreign = Token("""{"iss":"https://idp.example","exp":1700000300}""");

        CliRun valid = await CliRun.RunAsync("verify", ours, "--authority", authority, "--now", Now.ToString());
        CliRun invalid = await CliRun.RunAsync(
            "verify", foreign, "--authority", authority, "--now", Now.ToString(), "--json");

        Assert.Equal(0, valid.ExitCode);
        Assert.Contains($"issuer:   checked against the discovered issuer {authority}", valid.Out);
        Assert.Equal(1, invalid.ExitCode);
        Assert.Equal("issuer-invalid", invalid.Json().GetProperty("status").GetString());
    }

    [Fact]
    public async Task No_key_at_all_is_a_usage_error_on_one_line()
    {
        CliRun run = await CliRun.RunAsync("verify", Token(), "--json");

        run.AssertUsageError("no key: give --key, --jwks-uri or --authority");
    }

    [Fact]
    public async Task A_missing_key_file_is_a_usage_error_on_one_line()
    {
        CliRun run = await CliRun.RunAsync("verify", Token(), "--key", _files.PathOf("absent.json"));

        run.AssertUsageError("--key: cannot read");
    }

    [Fact]
    public async Task A_key_file_that_is_no_key_is_a_usage_error_on_one_line()
    {
        string file = _files.Write("bad.json", """{"kty":"EC","crv":"P-256"}""");

        CliRun run = await CliRun.RunAsync("verify", Token(), "--key", file);

        run.AssertUsageError("is not a usable JWK or JWK Set");
    }

    [Theory]
    [InlineData("--alg", "none", "--alg: 'none' is not a supported algorithm")]
    [InlineData("--now", "soon", "--now: 'soon' is not a number of seconds since 1970")]
    [InlineData("--clock-skew", "-5", "--clock-skew: '-5' is not a number of seconds")]
    [InlineData("--bogus", "x", "Unrecognized command or argument '--bogus'")]
    public async Task Bad_options_are_usage_errors_on_one_line(string option, string value, string expected)
    {
        CliRun run = await CliRun.RunAsync("verify", Token(), "--key", _publicKeyFile, option, value);

        run.AssertUsageError(expected);
    }

    [Fact]
    public async Task A_jwks_uri_over_plain_http_to_another_host_is_refused_before_any_request()
    {
        CliRun run = await CliRun.RunAsync("verify", Token(), "--jwks-uri", "http://keys.invalid/jwks");

        run.AssertUsageError("must use https");
    }

    [Fact]
    public async Task An_unreachable_authority_is_a_configuration_error_on_one_line()
    {
        // A port that was free a moment ago: the connection is refused at once.
        int port;
        using (System.Net.Sockets.TcpListener probe = new(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        CliRun run = await CliRun.RunAsync("verify", Token(), "--authority", $"http://127.0.0.1:{port}");

        run.AssertUsageError("could not be fetched");
    }
}
