using System.Text.Json;

namespace FastToken.Tests.Cli;

public sealed class ExtractCommandTests
{
    private const string Jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln";
    private const string Opaque = "mF_9.B5f-4.1JqM";

    private static readonly string[] s_foundShape = ["found", "source", "token", "kind"];
    private static readonly string[] s_failureShape =
        ["found", "status", "error", "httpStatus", "description", "wwwAuthenticate"];

    [Theory]
    [InlineData("Bearer " + Jwt, Jwt, "jwt")]
    [InlineData("bearer   " + Opaque, Opaque, "opaque")]
    public async Task A_bearer_header_gives_the_token_and_its_shape(string header, string token, string kind)
    {
        CliRun run = await CliRun.RunAsync("extract", "--authorization", header, "--json");

        Assert.Equal(0, run.ExitCode);
        JsonElement json = run.Json();
        Assert.Equal(s_foundShape, CliRun.Names(json));
        Assert.True(json.GetProperty("found").GetBoolean());
        Assert.Equal("header", json.GetProperty("source").GetString());
        Assert.Equal(token, json.GetProperty("token").GetString());
        Assert.Equal(kind, json.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_chunked_cookie_is_assembled_when_cookies_are_a_source()
    {
        CliRun run = await CliRun.RunAsync(
            "extract",
            "--cookie", "theme=dark; session=chunks-2",
            "--cookie", "sessionC1=eyJhbGciOiJFUzI1NiJ9.e30; sessionC2=.c2ln",
            "--cookie-name", "session", "--source", "cookie", "--json");

        Assert.Equal(0, run.ExitCode);
        JsonElement json = run.Json();
        Assert.Equal("cookie", json.GetProperty("source").GetString());
        Assert.Equal("eyJhbGciOiJFUzI1NiJ9.e30.c2ln", json.GetProperty("token").GetString());
        Assert.Equal("jwt", json.GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("header-then-cookie", true, false, "header")]
    [InlineData("header-then-cookie", false, true, "cookie")]
    [InlineData("cookie-then-header", false, true, "cookie")]
    [InlineData("cookie-then-header", true, false, "header")]
    // The same token in both places is one credential; the library reports the header then.
    [InlineData("cookie-then-header", true, true, "header")]
    public async Task With_two_sources_either_one_may_carry_the_token(
        string source,
        bool inHeader,
        bool inCookie,
        string expectedSource)
    {
        List<string> args = ["extract", "--source", source, "--json"];
        if (inHeader)
        {
            args.AddRange(["--authorization", "Bearer " + Jwt]);
        }

        if (inCookie)
        {
            args.AddRange(["--cookie", "theme=dark; access_token=" + Jwt]);
        }

        CliRun run = await CliRun.RunAsync([.. args]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expectedSource, run.Json().GetProperty("source").GetString());
        Assert.Equal(Jwt, run.Json().GetProperty("token").GetString());
    }

    [Fact]
    public async Task No_token_is_a_bare_401_challenge_with_exit_1()
    {
        CliRun run = await CliRun.RunAsync("extract", "--authorization", "Basic dXNlcjpwYXNz", "--json");

        Assert.Equal(1, run.ExitCode);
        JsonElement json = run.Json();
        Assert.Equal(s_failureShape, CliRun.Names(json));
        Assert.False(json.GetProperty("found").GetBoolean());
        Assert.Equal("not-found", json.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("error").ValueKind);
        Assert.Equal(401, json.GetProperty("httpStatus").GetInt32());
        Assert.Equal("Bearer", json.GetProperty("wwwAuthenticate").GetString());
    }

    [Theory]
    [InlineData("multiple-authorization-headers", "--authorization", "Bearer a", "--authorization", "Bearer b")]
    [InlineData("invalid-token-characters", "--authorization", "Bearer a,b")]
    [InlineData("empty-bearer-token", "--authorization", "Bearer")]
    [InlineData(
        "conflicting-tokens",
        "--authorization", "Bearer a", "--cookie", "access_token=b", "--source", "header-then-cookie")]
    public async Task A_malformed_request_is_a_400_invalid_request_with_exit_1(string status, params string[] args)
    {
        CliRun run = await CliRun.RunAsync(["extract", .. args, "--json"]);

        Assert.Equal(1, run.ExitCode);
        JsonElement json = run.Json();
        Assert.Equal(s_failureShape, CliRun.Names(json));
        Assert.Equal(status, json.GetProperty("status").GetString());
        Assert.Equal("invalid_request", json.GetProperty("error").GetString());
        Assert.Equal(400, json.GetProperty("httpStatus").GetInt32());
        string description = json.GetProperty("description").GetString()!;
        Assert.Equal(
            $"Bearer error=\"invalid_request\", error_description=\"{description}\"",
            json.GetProperty("wwwAuthenticate").GetString());
    }

    [Fact]
    public async Task Text_output_names_the_source_and_prints_the_token_on_its_own_line()
    {
        CliRun run = await CliRun.RunAsync("extract", "--cookie", "access_token=" + Opaque, "--source", "cookie");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            ["FOUND  in the 'access_token' cookie; shape: opaque (nothing verified)", Opaque],
            run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Cookies_given_while_only_the_header_is_read_are_pointed_out()
    {
        CliRun run = await CliRun.RunAsync("extract", "--cookie", "access_token=" + Opaque);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("NOT FOUND  not-found:", run.Out);
        Assert.Contains("--cookie is ignored", Assert.Single(run.ErrorLines));
    }

    [Theory]
    [InlineData("Argument 'query' not recognized. Must be one of: 'header' 'cookie'", "--source", "query")]
    [InlineData("--cookie-name: 'bad name' is not a cookie name", "--cookie-name", "bad name", "--source", "cookie")]
    public async Task Bad_options_are_usage_errors_on_one_line(string expected, params string[] args)
    {
        CliRun run = await CliRun.RunAsync(["extract", .. args]);

        run.AssertUsageError(expected);
    }
}
