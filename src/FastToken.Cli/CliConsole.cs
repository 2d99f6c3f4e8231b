namespace FastToken.Cli;

/// <summary>The three streams a command talks to; the tests hand in their own.</summary>
/// <param name="Out">Results: what scripts read.</param>
/// <param name="Error">Errors and notes for the person at the terminal.</param>
/// <param name="In">Read when a token or a value is given as <c>-</c>.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In);
