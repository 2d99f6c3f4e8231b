namespace FastToken.Cli;

/// <summary>
/// A usage or configuration error: the command line asks for something impossible. Reported
/// as one line on stderr with exit code 2.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
