using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace FastToken.AspNetCore;

/// <summary>
/// The CSRF defence of one scheme, compiled from <see cref="FastTokenCsrfOptions"/>: decides
/// whether a token cookie may authenticate a request. Immutable; reads the request without
/// allocating.
/// </summary>
internal sealed class CsrfPolicy
{
    private const string SecFetchSite = "Sec-Fetch-Site";

    private const string SameOrigin = "same-origin";

    // A navigation the user started (typed address, bookmark): no page chose to send it.
    private const string UserInitiated = "none";

    private const string OpaqueOriginValue = "null";

    private const string SchemeSeparator = "://";

    private readonly bool _enabled;
    private readonly string[] _allowedOrigins;
    private readonly bool _allowSameOrigin;
    private readonly string? _doubleSubmitCookie;
    private readonly string _doubleSubmitHeader;
    private readonly bool _allowWithoutOrigin;

    /// <summary>Compiles the options.</summary>
    /// <exception cref="ArgumentException">An allowed origin is not an absolute http(s) origin.</exception>
    public CsrfPolicy(FastTokenCsrfOptions options)
    {
        _enabled = options.Enabled;
        _allowedOrigins = [.. options.AllowedOrigins.Select(NormalizeOrigin)];
        _allowSameOrigin = options.AllowSameOrigin;
        _doubleSubmitCookie = string.IsNullOrEmpty(options.DoubleSubmitCookieName)
            ? null
            : options.DoubleSubmitCookieName;
        _doubleSubmitHeader = options.DoubleSubmitHeaderName;
        _allowWithoutOrigin = options.AllowRequestsWithoutOrigin;
    }

    /// <summary>The allowed origins, normalized as a browser serializes them.</summary>
    public IReadOnlyList<string> AllowedOrigins => _allowedOrigins;

    /// <summary>
    /// Decides whether a request whose token came from a cookie may be authenticated by it.
    /// </summary>
    /// <returns><see cref="CsrfRefusal.None"/> to accept, otherwise why not.</returns>
    public CsrfRefusal Check(HttpRequest request)
    {
        // RFC 9110 §9.2.1: safe methods change nothing, so forging one gains nothing.
        string method = request.Method;
        if (!_enabled || HttpMethods.IsGet(method) || HttpMethods.IsHead(method)
            || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
        {
            return CsrfRefusal.None;
        }

        IHeaderDictionary headers = request.Headers;

        // A page on another site cannot read the cookie, so it cannot repeat it in a header.
        if (_doubleSubmitCookie is { } cookieName && DoubleSubmitMatches(headers, cookieName))
        {
            return CsrfRefusal.None;
        }

        // Fetch Metadata: the browser states where the request comes from, and no script can
        // set or change this header (it is a forbidden request header).
        StringValues site = headers[SecFetchSite];
        if (site.Count == 1
            && (string.Equals(site[0], SameOrigin, StringComparison.OrdinalIgnoreCase)
                || string.Equals(site[0], UserInitiated, StringComparison.OrdinalIgnoreCase)))
        {
            return CsrfRefusal.None;
        }

        // RFC 6454 §7: browsers send Origin with every cross-origin unsafe request.
        StringValues origin = headers.Origin;
        if (origin.Count == 0)
        {
            return site.Count == 0 && _allowWithoutOrigin ? CsrfRefusal.None : CsrfRefusal.OriginMissing;
        }

        if (origin.Count > 1)
        {
            return CsrfRefusal.OriginNotAllowed;
        }

        string value = origin[0] ?? string.Empty;
        if (string.Equals(value, OpaqueOriginValue, StringComparison.Ordinal))
        {
            return CsrfRefusal.OpaqueOrigin;
        }

        if (_allowSameOrigin && IsOwnOrigin(request, value))
        {
            return CsrfRefusal.None;
        }

        foreach (string allowed in _allowedOrigins)
        {
            if (string.Equals(allowed, value, StringComparison.OrdinalIgnoreCase))
            {
                return CsrfRefusal.None;
            }
        }

        return CsrfRefusal.OriginNotAllowed;
    }

    private bool DoubleSubmitMatches(IHeaderDictionary headers, string cookieName)
    {
        StringValues sent = headers[_doubleSubmitHeader];
        if (sent.Count != 1 || string.IsNullOrEmpty(sent[0]))
        {
            return false;
        }

        StringValues cookies = headers.Cookie;
        bool found = cookies.Count == 1
            ? CookieHeader.TryGetValue(cookies[0].AsSpan(), cookieName, out ReadOnlySpan<char> cookie)
            : CookieHeader.TryGetValue(cookies.ToArray(), cookieName, out cookie);
        if (!found || cookie.IsEmpty)
        {
            return false;
        }

        // Constant time, so that the comparison does not tell an attacker how much matched.
        return CryptographicOperations.FixedTimeEquals(
            MemoryMarshal.AsBytes(cookie),
            MemoryMarshal.AsBytes(sent[0].AsSpan()));
    }

    private static bool IsOwnOrigin(HttpRequest request, ReadOnlySpan<char> origin)
    {
        // RFC 6454 §6.2: scheme "://" host [":" port], the port only when not the default,
        // which is how a browser writes its Host header too.
        string scheme = request.Scheme;
        string? host = request.Host.Value;
        if (string.IsNullOrEmpty(host) || origin.Length != scheme.Length + SchemeSeparator.Length + host.Length)
        {
            return false;
        }

        return origin.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && origin[scheme.Length..].StartsWith(SchemeSeparator, StringComparison.Ordinal)
            && origin[(scheme.Length + SchemeSeparator.Length)..].Equals(host, StringComparison.OrdinalIgnoreCase);
    }

    private static string NormalizeOrigin(string origin)
    {
        bool valid = Uri.TryCreate(origin, UriKind.Absolute, out Uri? uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
            && string.IsNullOrEmpty(uri.UserInfo);
        if (!valid)
        {
            throw new ArgumentException(
                $"'{origin}' is not an origin: write the scheme, the host and a non-default port only, "
                + "such as https://app.example.com.",
                nameof(origin));
        }

        return uri!.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }
}
