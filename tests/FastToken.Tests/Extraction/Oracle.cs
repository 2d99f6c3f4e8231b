using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace FastToken.Tests.Extraction;

/// <summary>
/// Slow, allocating reference readings of the extraction rules, written from the RFC text
/// with regular expressions and string splitting so that they share no code with the
/// span parsers they check.
/// </summary>
internal static class Oracle
{
    // RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token, scheme case-insensitive.
    private static readonly Regex s_bearerCredentials = new(
        @"\A(?i:bearer) +(?<token>[A-Za-z0-9\-._~+/]+=*)\z",
        RegexOptions.CultureInvariant);

    private static readonly Regex s_bearerScheme = new(
        @"\A(?i:bearer)(?:[ \t]|\z)",
        RegexOptions.CultureInvariant);

    private static readonly Regex s_b64Token = new(
        @"\A[A-Za-z0-9\-._~+/]+=*\z",
        RegexOptions.CultureInvariant);

    public static (ExtractionStatus Status, string Token) Bearer(string fieldValue)
    {
        string value = fieldValue.Trim(' ', '\t');
        if (!s_bearerScheme.IsMatch(value))
        {
            return (ExtractionStatus.NotFound, "");
        }

        if (value.Length == "Bearer".Length)
        {
            return (ExtractionStatus.EmptyBearerToken, "");
        }

        Match match = s_bearerCredentials.Match(value);
        return match.Success
            ? (ExtractionStatus.Found, match.Groups["token"].Value)
            : (ExtractionStatus.InvalidTokenCharacters, "");
    }

    public static bool IsB64Token(string value) => s_b64Token.IsMatch(value);

    /// <summary>Joins the field values with "; " and reads the first pair named <paramref name="name"/>.</summary>
    public static string? Cookie(IEnumerable<string?> fieldValues, string name)
    {
        string header = string.Join("; ", fieldValues.Select(value => value ?? ""));
        foreach (string pair in header.Split(';'))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || pair[..equals].Trim(' ', '\t') != name || name.Length == 0)
            {
                continue;
            }

            string value = pair[(equals + 1)..].Trim(' ', '\t');
            bool quoted = value.Length >= 2 && value.StartsWith('"') && value.EndsWith('"');
            return quoted ? value[1..^1] : value;
        }

        return null;
    }

    public static (ExtractionStatus Status, string Value) ChunkedCookie(
        IEnumerable<string?> fieldValues,
        string name,
        int maxChunks,
        int maxLength)
    {
        string? value = Cookie(fieldValues, name);
        if (value is null)
        {
            return (ExtractionStatus.NotFound, "");
        }

        if (!value.StartsWith("chunks-", StringComparison.Ordinal))
        {
            return (ExtractionStatus.Found, value);
        }

        string digits = value["chunks-".Length..];
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return (ExtractionStatus.InvalidCookieChunkCount, "");
        }

        BigInteger count = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        if (count > maxChunks)
        {
            return (ExtractionStatus.TooManyCookieChunks, "");
        }

        if (count == 0)
        {
            return (ExtractionStatus.InvalidCookieChunkCount, "");
        }

        var assembled = new StringBuilder();
        for (int index = 1; index <= (int)count; index++)
        {
            string chunkName = name + "C" + index.ToString(CultureInfo.InvariantCulture);
            string? chunk = Cookie(fieldValues, chunkName);
            if (string.IsNullOrEmpty(chunk))
            {
                return (ExtractionStatus.CookieChunkMissing, "");
            }

            assembled.Append(chunk);
            if (assembled.Length > maxLength)
            {
                return (ExtractionStatus.CookieChunksTooLong, "");
            }
        }

        return (ExtractionStatus.Found, assembled.ToString());
    }
}
