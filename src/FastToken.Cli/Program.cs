using System.CommandLine;
using System.CommandLine.Help;
using System.Text.Json;
using FastToken.Cli.Commands;
using FastToken.Keys;

namespace FastToken.Cli;

/// <summary>The <c>fasttoken</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command against the process's console.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code: 0 success, 1 invalid token, 2 usage or configuration error.</returns>
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error, Console.In);

    /// <summary>
    /// Runs the command against the given streams, as <see cref="Main"/> does against the
    /// console; tests call it in-process.
    /// </summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdout">Receives results.</param>
    /// <param name="stderr">Receives errors and notes.</param>
    /// <param name="stdin">Read when a token is given as <c>-</c>.</param>
    /// <param name="cancellationToken">Stops network requests.</param>
    /// <returns>The exit code: 0 success, 1 invalid token, 2 usage or configuration error.</returns>
    public static async Task<int> RunAsync(
        string[] args,
        TextWriter stdout,
        TextWriter stderr,
        TextReader stdin,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        CliConsole console = new(stdout, stderr, stdin);
        // A named command rather than RootCommand, whose name would be the assembly's
        // (FastToken.Cli) and not the command people type.
        Command root = new("fasttoken", "Verify, inspect, extract and mint JWT access tokens; generate keys.")
        {
            new HelpOption(),
            new VersionOption(),
            VerifyCommand.Create(console),
            ExtractCommand.Create(console),
            InspectCommand.Create(console),
            KeygenCommand.Create(console),
            MintCommand.Create(console),
        };

        // '@file' names a claims file for 'mint', never a response file of extra arguments.
        ParseResult parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });

        // A malformed command line is a usage error: one line, exit 2, never the help screen
        // (scripts read stdout, and the help is one '--help' away).
        if (parse.Errors.Count > 0)
        {
            string command = parse.CommandResult.Command == root
                ? "fasttoken"
                : $"fasttoken {parse.CommandResult.Command.Name}";
            string errors = string.Join(" ", parse.Errors.Select(e => OneLine(e.Message)).Distinct());
            stderr.WriteLine($"fasttoken: {errors} (see '{command} --help')");
            return ExitCodes.UsageError;
        }

        try
        {
            InvocationConfiguration invocation = new()
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            };
            return await parse.InvokeAsync(invocation, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stderr.WriteLine("fasttoken: cancelled.");
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is CliException or JsonWebKeyException or IOException or
            UnauthorizedAccessException or JsonException or HttpRequestException or ArgumentException or
            InvalidOperationException)
        {
            stderr.WriteLine($"fasttoken: {OneLine(e.Message)}");
            return ExitCodes.UsageError;
        }
        catch (Exception e)
        {
            // Never a stack trace: the message, the type for a bug report, exit 2.
            stderr.WriteLine($"fasttoken: unexpected {e.GetType().Name}: {OneLine(e.Message)}");
            return ExitCodes.UsageError;
        }
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.ReplaceLineEndings(" ").Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
