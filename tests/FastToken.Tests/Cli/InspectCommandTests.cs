using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using FastToken.Keys;

namespace FastToken.Tests.Cli;

public sealed class InspectCommandTests
{
    private static readonly JsonWebKey s_key = JsonWebKey.Generate(JwtAlgorithm.ES256);

    private static string Segment(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    [Fact]
    public async Task Json_output_is_marked_unverified_and_holds_header_and_claims()
    {
        string token = JwtWriter.Create(s_key, JwtAlgorithm.ES256, """{"sub":"alice","scope":"read"}""", "at+jwt");

        CliRun run = await CliRun.RunAsync("inspect", token, "--json");

        Assert.Equal(0, run.ExitCode);
        JsonElement json = run.Json();
        Assert.Equal(["verified", "header", "claims"], CliRun.Names(json));
        Assert.False(json.GetProperty("verified").GetBoolean());
        Assert.Equal(s_key.KeyId, json.GetProperty("header").GetProperty("kid").GetString());
        Assert.Equal("read", json.GetProperty("claims").GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Text_output_starts_by_saying_nothing_was_checked()
    {
        // A forged token inspects as readily as a real one: that is why the warning leads.
        string token = $"{Segment("""{"alg":"none"}""")}.{Segment("""{"sub":"admin"}""")}.";

        CliRun run = await CliRun.RunWithStdinAsync(token + "\n", "inspect", "-");

        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Out.Split('\n');
        Assert.StartsWith("UNVERIFIED:", lines[0]);
        Assert.Equal("signature: none", lines[1]);
        Assert.Contains("\"sub\": \"admin\"", run.Out);
    }

    [Theory]
    [InlineData("not-a-token", "three parts")]
    [InlineData("a.b.c.d.e", "encrypted (JWE")]
    [InlineData("e30.!!!.", "payload is not base64url")]
    [InlineData("eyJhbGciOiJub25lIn0.e30.***", "signature is not base64url")]
    [InlineData("W10.e30.", "header is not a JSON object")]
    [InlineData("eyJh.e30.", "header is not JSON")]
    public async Task Malformed_input_is_one_line_on_stderr_with_exit_1(string token, string expected)
    {
        CliRun run = await CliRun.RunAsync("inspect", token, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        string line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("fasttoken: cannot inspect: ", line);
        Assert.Contains(expected, line);
    }

    [Fact]
    public async Task The_error_never_repeats_the_input()
    {
        string secretish = Segment("""{"alg":"HS256"}""") + ".c2VjcmV0LXBheWxvYWQ.sig";

        CliRun run = await CliRun.RunAsync("inspect", secretish);

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("c2VjcmV0LXBheWxvYWQ", run.Error);
    }

    [Fact]
    public async Task A_repeated_member_name_is_refused_rather_than_shown_one_way()
    {
        string token = $"{Segment("""{"alg":"none"}""")}.{Segment("""{"sub":"alice","sub":"admin"}""")}.";

        CliRun run = await CliRun.RunAsync("inspect", token);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("repeats a member name", run.Error);
    }
}
