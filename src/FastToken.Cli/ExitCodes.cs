namespace FastToken.Cli;

/// <summary>The exit codes, part of the command-line contract.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked; for <c>verify</c>, the token is valid.</summary>
    public const int Success = 0;

    /// <summary>
    /// The token is invalid (<c>verify</c>), malformed (<c>inspect</c>) or not found (<c>extract</c>).
    /// </summary>
    public const int Invalid = 1;

    /// <summary>The command line or the configuration (keys, files, discovery) is wrong.</summary>
    public const int UsageError = 2;
}
