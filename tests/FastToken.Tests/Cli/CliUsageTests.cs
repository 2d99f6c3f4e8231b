namespace FastToken.Tests.Cli;

public sealed class CliUsageTests
{
    [Fact]
    public async Task No_command_is_a_usage_error_on_one_line()
    {
        CliRun run = await CliRun.RunAsync();

        run.AssertUsageError("Required command was not provided");
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error_on_one_line()
    {
        CliRun run = await CliRun.RunAsync("decode", "x");

        run.AssertUsageError("'decode'");
    }

    [Fact]
    public async Task Verify_without_a_token_is_a_usage_error_that_points_to_its_help()
    {
        CliRun run = await CliRun.RunAsync("verify", "--key", "{}");

        run.AssertUsageError("(see 'fasttoken verify --help')");
    }

    [Fact]
    public async Task Help_lists_every_command_and_exits_0()
    {
        CliRun run = await CliRun.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (string command in new[] { "verify", "inspect", "keygen", "mint" })
        {
            Assert.Contains(command, run.Out);
        }
    }
}
