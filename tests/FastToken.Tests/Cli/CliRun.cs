using System.Text.Json;
using FastToken.Cli;

namespace FastToken.Tests.Cli;

/// <summary>One in-process run of the <c>fasttoken</c> command: its exit code and both streams.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> RunAsync(params string[] args) => await RunWithStdinAsync("", args);

    public static async Task<CliRun> RunWithStdinAsync(string stdin, params string[] args)
    {
        using StringWriter output = new();
        using StringWriter error = new();
        using StringReader input = new(stdin);
        int exitCode = await Program.RunAsync(args, output, error, input);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The lines written to stderr.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Stdout as exactly one JSON object (a second value, or trailing text, fails).</summary>
    public JsonElement Json()
    {
        using JsonDocument document = JsonDocument.Parse(Out);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        Assert.EndsWith("\n", Out);
        Assert.Single(Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return document.RootElement.Clone();
    }

    /// <summary>The member names of a JSON object, in order.</summary>
    public static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    /// <summary>Asserts a usage or configuration error: exit 2, nothing on stdout, one line on stderr.</summary>
    public void AssertUsageError(string expectedFragment)
    {
        Assert.Equal(2, ExitCode);
        Assert.Equal("", Out);
        string line = Assert.Single(ErrorLines);
        Assert.StartsWith("fasttoken: ", line);
        Assert.Contains(expectedFragment, line);
        Assert.DoesNotContain("   at ", Error);
    }
}
