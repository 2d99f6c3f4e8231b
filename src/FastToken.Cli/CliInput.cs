using System.Globalization;
using System.Text;
using FastToken.Keys;

namespace FastToken.Cli;

/// <summary>Turns command-line values into tokens, keys, claims and numbers, or a usage error.</summary>
internal static class CliInput
{
    /// <summary>The most characters read from stdin; far above any token, and a bound on memory.</summary>
    public const int MaxStdinChars = 1024 * 1024;

    /// <summary>The value that means "read it from stdin".</summary>
    public const string StdinMarker = "-";

    /// <summary>
    /// The token itself, or stdin's content for <c>-</c>, without surrounding white space. A
    /// stdin longer than <see cref="MaxStdinChars"/> is cut one character past the limit, so
    /// that every size check downstream still fails it.
    /// </summary>
    public static async Task<string> ReadTokenAsync(string value, TextReader stdin, CancellationToken cancellationToken)
    {
        if (value != StdinMarker)
        {
            return value.Trim();
        }

        char[] buffer = new char[Math.Min(MaxStdinChars + 1, 64 * 1024)];
        StringBuilder text = new();
        while (text.Length <= MaxStdinChars)
        {
            int read = await stdin.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            text.Append(buffer, 0, Math.Min(read, MaxStdinChars + 1 - text.Length));
        }

        return text.ToString().Trim();
    }

    /// <summary>Reads every <c>--key</c> value (a file, or JSON text starting with '{') into one set.</summary>
    public static JsonWebKeySet ReadKeys(IReadOnlyList<string> values, string option)
    {
        List<JsonWebKeySet> sets = [];
        foreach (string value in values)
        {
            sets.Add(ReadKeySet(value, option));
        }

        return JsonWebKeySet.Combine(sets);
    }

    /// <summary>Reads one key value: JSON text when it starts with '{', else the name of a file.</summary>
    public static JsonWebKeySet ReadKeySet(string value, string option)
    {
        string json = IsInlineJson(value) ? value : ReadFile(value, option);
        try
        {
            return JsonWebKeySet.Parse(json);
        }
        catch (JsonWebKeyException e)
        {
            string where = IsInlineJson(value) ? "the inline key" : $"'{value}'";
            throw new CliException($"{option}: {where} is not a usable JWK or JWK Set: {e.Message}", e);
        }
    }

    /// <summary>Reads a JSON value given inline or, with a leading '@', from a file.</summary>
    public static string ReadJsonArgument(string value, string option) =>
        value.StartsWith('@') ? ReadFile(value[1..], option) : value;

    /// <summary>Parses an algorithm name such as <c>ES256</c>.</summary>
    public static JwtAlgorithm ParseAlgorithm(string name, string option)
    {
        if (!JwtAlgorithms.TryParse(name, out JwtAlgorithm algorithm))
        {
            string known = string.Join(", ", JwtAlgorithms.All.Select(JwtAlgorithms.GetName));
            throw new CliException($"{option}: '{name}' is not a supported algorithm; use one of {known}.");
        }

        return algorithm;
    }

    /// <summary>Parses a whole number, or returns <see langword="null"/> when the option was not given.</summary>
    public static long? ParseInt64(string? value, string option, long minimum, long maximum, string meaning)
    {
        if (value is null)
        {
            return null;
        }

        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number) ||
            number < minimum || number > maximum)
        {
            throw new CliException($"{option}: '{value}' is not {meaning}.");
        }

        return number;
    }

    private static bool IsInlineJson(string value) => value.AsSpan().TrimStart().StartsWith("{");

    private static string ReadFile(string path, string option)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new CliException($"{option}: cannot read '{path}': {e.Message}", e);
        }
    }
}
