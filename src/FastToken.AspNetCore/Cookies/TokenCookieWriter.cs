using System.Globalization;
using Microsoft.AspNetCore.Http;
using HeaderNames = Microsoft.Net.Http.Headers.HeaderNames;

namespace FastToken.AspNetCore;

/// <summary>
/// Issues and removes the token cookie that a FastToken scheme with a cookie source reads:
/// enforces the rules browsers apply to cookie attributes and prefixes, sets <c>Max-Age</c> from
/// the token's <c>exp</c>, splits a token too long for one cookie into ASP.NET Core's chunked
/// format, and deletes chunks left over from a longer token. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Values are written as they are, never percent-encoded: a token is a b64token (RFC 6750
/// §2.1), and every b64token character is a cookie-octet (RFC 6265bis §4.1.1), so the cookie
/// reads back byte for byte.
/// </remarks>
public sealed class TokenCookieWriter
{
    private const string HostPrefix = "__Host-";

    private const string SecurePrefix = "__Secure-";

    private const string ChunkCountPrefix = "chunks-";

    private const char ChunkMarker = 'C';

    // Room left in a chunk for the marker and up to three digits of its number.
    private const int ChunkNameReserve = 4;

    private const int MinimumChunkData = 64;

    private readonly TokenCookieOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a writer; the options are checked and copied.</summary>
    /// <param name="options">The cookie's name and attributes.</param>
    /// <param name="timeProvider">
    /// The clock that turns <c>exp</c> into <c>Max-Age</c>; the system clock by default.
    /// </param>
    /// <exception cref="ArgumentException">
    /// The options break a rule browsers enforce; the message names the rule.
    /// </exception>
    public TokenCookieWriter(TokenCookieOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = new TokenCookieOptions
        {
            Name = options.Name,
            Domain = string.IsNullOrEmpty(options.Domain) ? null : options.Domain.TrimStart('.'),
            Path = options.Path,
            Secure = options.Secure,
            HttpOnly = options.HttpOnly,
            SameSite = options.SameSite,
            ChunkSize = options.ChunkSize,
        };
        _timeProvider = timeProvider ?? TimeProvider.System;
        Check(_options);
    }

    /// <summary>The cookie name.</summary>
    public string Name => _options.Name;

    /// <summary>
    /// Sets the token cookie, with <c>Max-Age</c> taken from the token's <c>exp</c> (read, not
    /// verified: the token is the application's own). A token without <c>exp</c> becomes a
    /// session cookie; one that has already expired deletes the cookie instead.
    /// </summary>
    /// <param name="context">The request, whose cookies tell which old chunks to delete, and its response.</param>
    /// <param name="token">The token: a b64token, such as a compact JWS.</param>
    /// <exception cref="ArgumentException">The token is empty or not a b64token.</exception>
    /// <exception cref="InvalidOperationException">
    /// The <c>Domain</c> does not cover the request's host, so a browser would drop the cookie.
    /// </exception>
    public void Write(HttpContext context, string token)
        => Write(context, token, TokenExpiry.Read(token));

    /// <summary>
    /// Sets the token cookie with a lifetime that ends at <paramref name="expiresAt"/>.
    /// </summary>
    /// <param name="context">The request and its response.</param>
    /// <param name="token">The token: a b64token.</param>
    /// <param name="expiresAt">When the cookie should expire; <see langword="null"/> for a session
    /// cookie. A moment already past deletes the cookie.</param>
    /// <exception cref="ArgumentException">The token is empty or not a b64token.</exception>
    /// <exception cref="InvalidOperationException">The <c>Domain</c> does not cover the request's host.</exception>
    public void Write(HttpContext context, string token, DateTimeOffset? expiresAt)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(token);
        if (!SetCookie.IsTokenValue(token))
        {
            throw new ArgumentException("The token must be a non-empty b64token (RFC 6750 §2.1).", nameof(token));
        }

        EnsureDomainCovers(context.Request);

        long? maxAge = null;
        if (expiresAt is { } expiry)
        {
            // Whole seconds, rounded down, so the cookie never outlives the token.
            long seconds = (long)Math.Floor((expiry - _timeProvider.GetUtcNow()).TotalSeconds);
            if (seconds <= 0)
            {
                Delete(context);
                return;
            }

            maxAge = seconds;
        }

        List<string> cookies = CreateCookies(token, maxAge);
        int chunks = cookies.Count == 1 ? 0 : cookies.Count - 1;

        // Chunks of an earlier, longer token would otherwise linger until they expire.
        foreach (string stale in ChunkNamesIn(context.Request, above: chunks))
        {
            cookies.Add(SetCookie.Format(stale, default, _options, maxAge: 0));
        }

        Append(context.Response, cookies);
    }

    /// <summary>
    /// Deletes the token cookie and every chunk of it that the request carries, with the same
    /// <c>Domain</c> and <c>Path</c>, as deletion requires.
    /// </summary>
    /// <param name="context">The request and its response.</param>
    public void Delete(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        List<string> cookies = [SetCookie.Format(_options.Name, default, _options, maxAge: 0)];
        foreach (string chunk in ChunkNamesIn(context.Request, above: 0))
        {
            cookies.Add(SetCookie.Format(chunk, default, _options, maxAge: 0));
        }

        Append(context.Response, cookies);
    }

    /// <summary>The <c>Set-Cookie</c> values for a token: one cookie, or a count and its chunks.</summary>
    internal List<string> CreateCookies(string token, long? maxAge)
    {
        string name = _options.Name;
        if (name.Length + 1 + token.Length <= _options.ChunkSize)
        {
            return [SetCookie.Format(name, token, _options, maxAge)];
        }

        int perChunk = _options.ChunkSize - name.Length - 1 - ChunkNameReserve;
        int count = (token.Length + perChunk - 1) / perChunk;
        List<string> cookies = new(count + 1)
        {
            SetCookie.Format(name, ChunkCountPrefix + count.ToString(CultureInfo.InvariantCulture), _options, maxAge),
        };
        for (int index = 0; index < count; index++)
        {
            int start = index * perChunk;
            ReadOnlySpan<char> piece = token.AsSpan(start, Math.Min(perChunk, token.Length - start));
            cookies.Add(SetCookie.Format(ChunkName(index + 1), piece, _options, maxAge));
        }

        return cookies;
    }

    private string ChunkName(int number)
        => string.Concat(_options.Name, ChunkMarker.ToString(), number.ToString(CultureInfo.InvariantCulture));

    private IEnumerable<string> ChunkNamesIn(HttpRequest request, int above)
    {
        string prefix = _options.Name + ChunkMarker;
        foreach (string name in request.Cookies.Keys)
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            ReadOnlySpan<char> digits = name.AsSpan(prefix.Length);
            bool isChunk = digits.Length is > 0 and <= 9
                && digits[0] != '0'
                && !digits.ContainsAnyExceptInRange('0', '9');
            if (isChunk && int.Parse(digits, CultureInfo.InvariantCulture) > above)
            {
                yield return name;
            }
        }
    }

    private void EnsureDomainCovers(HttpRequest request)
    {
        // RFC 6265bis §5.1.3 and §5.7 step 9: a Domain that does not domain-match the host makes
        // the browser ignore the whole cookie.
        if (_options.Domain is not { } domain)
        {
            return;
        }

        string host = request.Host.Host;
        bool covers = host.Equals(domain, StringComparison.OrdinalIgnoreCase)
            || (host.Length > domain.Length
                && host.EndsWith(domain, StringComparison.OrdinalIgnoreCase)
                && host[host.Length - domain.Length - 1] == '.');
        if (!covers)
        {
            throw new InvalidOperationException(
                $"The cookie domain '{domain}' does not cover the request host '{host}': "
                + "a browser would ignore the cookie.");
        }
    }

    private static void Append(HttpResponse response, List<string> cookies)
    {
        foreach (string cookie in cookies)
        {
            response.Headers.Append(HeaderNames.SetCookie, cookie);
        }
    }

    private static void Check(TokenCookieOptions options)
    {
        string name = options.Name;
        if (!SetCookie.IsName(name))
        {
            throw new ArgumentException($"The cookie name '{name}' is not an RFC 9110 token.", nameof(options));
        }

        if (options.Domain is { } domain && !SetCookie.IsDomain(domain))
        {
            throw new ArgumentException($"The cookie domain '{domain}' is not a host name.", nameof(options));
        }

        if (!SetCookie.IsPath(options.Path))
        {
            throw new ArgumentException("The cookie path must start with '/' and hold no ';'.", nameof(options));
        }

        // RFC 6265bis §4.1.3: browsers drop prefixed cookies that break the prefix's promise.
        if (name.StartsWith(HostPrefix, StringComparison.OrdinalIgnoreCase)
            && (!options.Secure || options.Domain is not null || options.Path != "/"))
        {
            throw new ArgumentException(
                "A __Host- cookie must be Secure, have Path=/ and no Domain.", nameof(options));
        }

        if (name.StartsWith(SecurePrefix, StringComparison.OrdinalIgnoreCase) && !options.Secure)
        {
            throw new ArgumentException("A __Secure- cookie must be Secure.", nameof(options));
        }

        // RFC 6265bis §5.6.7 (SameSite): browsers reject SameSite=None without Secure.
        if (options.SameSite == SameSiteMode.None && !options.Secure)
        {
            throw new ArgumentException("A SameSite=None cookie must be Secure.", nameof(options));
        }

        if (options.ChunkSize < name.Length + 1 + ChunkNameReserve + MinimumChunkData)
        {
            throw new ArgumentException(
                $"The chunk size must leave at least {MinimumChunkData} characters of value per cookie.",
                nameof(options));
        }
    }
}
