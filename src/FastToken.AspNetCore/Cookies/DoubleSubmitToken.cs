using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using HeaderNames = Microsoft.Net.Http.Headers.HeaderNames;

namespace FastToken.AspNetCore;

/// <summary>
/// Issues the cookie of the double-submit CSRF defence (see
/// <see cref="FastTokenCsrfOptions.DoubleSubmitCookieName"/>): a random value that the page's
/// script reads and repeats in a header, which a page on another site cannot do.
/// </summary>
public static class DoubleSubmitToken
{
    /// <summary>The default cookie name, <c>__Host-csrf</c>: a sibling subdomain cannot overwrite it.</summary>
    public const string DefaultCookieName = "__Host-csrf";

    private const int RandomBytes = 32;

    /// <summary>
    /// Sets a fresh double-submit cookie: readable by scripts (so not <c>HttpOnly</c>),
    /// <c>Secure</c>, <c>SameSite=Strict</c>, <c>Path=/</c>, a session cookie.
    /// </summary>
    /// <param name="response">The response that sets it.</param>
    /// <param name="cookieName">The cookie name; the scheme's option must name the same.</param>
    /// <returns>The value, for a page that wants to embed it instead of reading the cookie.</returns>
    /// <exception cref="ArgumentException">The name is not a valid cookie name.</exception>
    public static string Issue(HttpResponse response, string cookieName = DefaultCookieName)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!SetCookie.IsName(cookieName))
        {
            throw new ArgumentException(
                $"The cookie name '{cookieName}' is not an RFC 9110 token.", nameof(cookieName));
        }

        string value = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
        TokenCookieOptions attributes = new()
        {
            Name = cookieName,
            HttpOnly = false,
            Secure = true,
            SameSite = SameSiteMode.Strict,
        };
        response.Headers.Append(HeaderNames.SetCookie, SetCookie.Format(cookieName, value, attributes, maxAge: null));
        return value;
    }
}
