using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace FastToken.AspNetCore;

/// <summary>Formats <c>Set-Cookie</c> field values (RFC 6265bis §4.1) and checks their parts.</summary>
internal static class SetCookie
{
    // RFC 9110 §5.6.2 tchar: the characters of a cookie name.
    private static readonly SearchValues<char> s_tokenChars =
        SearchValues.Create("!#$%&'*+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz|~");

    // RFC 6750 §2.1 b64token, which every cookie-octet admits, so no token needs encoding.
    private static readonly SearchValues<char> s_b64TokenChars =
        SearchValues.Create("+-./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~");

    // Letters, digits, hyphens and dots: a host name as a Domain attribute may be written.
    private static readonly SearchValues<char> s_domainChars =
        SearchValues.Create("-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private const string Epoch = "Thu, 01 Jan 1970 00:00:00 GMT";

    /// <summary>Whether <paramref name="name"/> is a valid cookie name.</summary>
    public static bool IsName(ReadOnlySpan<char> name) => !name.IsEmpty && !name.ContainsAnyExcept(s_tokenChars);

    /// <summary>Whether <paramref name="token"/> is a b64token that can stand as a cookie value unencoded.</summary>
    public static bool IsTokenValue(ReadOnlySpan<char> token)
    {
        ReadOnlySpan<char> body = token.TrimEnd('=');
        return !body.IsEmpty && !body.ContainsAnyExcept(s_b64TokenChars);
    }

    /// <summary>Whether <paramref name="domain"/> looks like a host name.</summary>
    public static bool IsDomain(ReadOnlySpan<char> domain)
        => !domain.IsEmpty && !domain.ContainsAnyExcept(s_domainChars)
            && domain[0] != '.' && domain[^1] != '.' && !domain.Contains("..", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="path"/> is a cookie path: starts with '/', no ';' or control.</summary>
    public static bool IsPath(ReadOnlySpan<char> path)
    {
        if (path.IsEmpty || path[0] != '/')
        {
            return false;
        }

        foreach (char c in path)
        {
            if (c is ';' or < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Formats one <c>Set-Cookie</c> value.</summary>
    /// <param name="name">The cookie name.</param>
    /// <param name="value">The value, already safe as cookie-octets.</param>
    /// <param name="options">The attributes.</param>
    /// <param name="maxAge">The lifetime in seconds, 0 to delete, <see langword="null"/> for a session cookie.</param>
    public static string Format(string name, ReadOnlySpan<char> value, TokenCookieOptions options, long? maxAge)
    {
        StringBuilder builder = new(name.Length + value.Length + 128);
        builder.Append(name).Append('=').Append(value);

        // RFC 6265bis §5.6.2: Max-Age wins over Expires; Expires is added for a deletion only,
        // for clients that do not read Max-Age.
        if (maxAge is { } seconds)
        {
            builder.Append("; Max-Age=").Append(seconds.ToString(CultureInfo.InvariantCulture));
            if (seconds == 0)
            {
                builder.Append("; Expires=").Append(Epoch);
            }
        }

        if (options.Domain is { } domain)
        {
            builder.Append("; Domain=").Append(domain);
        }

        builder.Append("; Path=").Append(options.Path);
        if (options.Secure)
        {
            builder.Append("; Secure");
        }

        if (options.HttpOnly)
        {
            builder.Append("; HttpOnly");
        }

        string? sameSite = options.SameSite switch
        {
            SameSiteMode.None => "None",
            SameSiteMode.Lax => "Lax",
            SameSiteMode.Strict => "Strict",
            _ => null,
        };
        if (sameSite is not null)
        {
            builder.Append("; SameSite=").Append(sameSite);
        }

        return builder.ToString();
    }
}
