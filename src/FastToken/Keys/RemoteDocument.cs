using System.Buffers;
using System.Net;

namespace FastToken.Keys;

/// <summary>
/// Fetches the small JSON documents an authority publishes (discovery, JWK Set) under the
/// same rules for both: https unless the host is loopback, and a bounded body.
/// </summary>
internal static class RemoteDocument
{
    /// <summary>The default bound on a document's size: 1 MiB, far above any real JWK Set.</summary>
    internal const int DefaultMaxBytes = 1024 * 1024;

    /// <summary>Throws unless <paramref name="uri"/> may be fetched under the https rule.</summary>
    /// <param name="uri">The address.</param>
    /// <param name="requireHttps">Whether plain http is refused for hosts other than loopback.</param>
    /// <param name="what">What the address is for, for the message.</param>
    /// <exception cref="JsonWebKeyException">The address is relative, not http(s), or plain http
    /// where https is required.</exception>
    internal static void EnsureAllowed(Uri uri, bool requireHttps, string what)
    {
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new JsonWebKeyException($"The {what} '{uri}' must be an absolute http or https address.");
        }

        // Keys fetched over plain http can be replaced by anyone on the path, and with them
        // every token's signature. Loopback never leaves the machine, so it stays allowed.
        if (requireHttps && uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
        {
            throw new JsonWebKeyException(
                $"The {what} '{uri}' must use https (plain http is allowed only for loopback hosts).");
        }
    }

    /// <summary>GETs a document, refusing a body larger than <paramref name="maxBytes"/>.</summary>
    /// <param name="http">The client.</param>
    /// <param name="uri">The address, already checked with <see cref="EnsureAllowed"/>.</param>
    /// <param name="maxBytes">The largest body accepted.</param>
    /// <param name="what">What the document is, for messages.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The body.</returns>
    /// <exception cref="JsonWebKeyException">The request failed, the status is not 200, or the body
    /// is too large.</exception>
    internal static async Task<byte[]> GetAsync(
        HttpClient http,
        Uri uri,
        int maxBytes,
        string what,
        CancellationToken cancellationToken)
    {
        try
        {
            using HttpRequestMessage request = new(HttpMethod.Get, uri);
            request.Headers.Accept.ParseAdd("application/json");

            // Headers first, so an oversized body is refused before it is read.
            using HttpResponseMessage response = await http
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new JsonWebKeyException(
                    $"The {what} at '{uri}' answered HTTP {(int)response.StatusCode} instead of 200.");
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw TooLarge(what, uri, maxBytes);
            }

            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                return await ReadBoundedAsync(body, maxBytes, what, uri, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (HttpRequestException e)
        {
            throw new JsonWebKeyException($"The {what} at '{uri}' could not be fetched: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation nobody asked for.
            throw new JsonWebKeyException($"The {what} at '{uri}' did not answer in time.", e);
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(
        Stream body,
        int maxBytes,
        string what,
        Uri uri,
        CancellationToken cancellationToken)
    {
        // Content-Length may be absent (chunked) or wrong, so the bound is enforced while reading.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, 16 * 1024));
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    // Here length <= maxBytes, so the next size is larger than the current one.
                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(2L * length, maxBytes + 1L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.AsSpan(0, length).ToArray();
                }

                length += read;
                if (length > maxBytes)
                {
                    throw TooLarge(what, uri, maxBytes);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JsonWebKeyException TooLarge(string what, Uri uri, int maxBytes) =>
        new($"The {what} at '{uri}' is larger than {maxBytes} bytes.");
}
