using System.Net;
using FastToken.Keys;

namespace FastToken;

public sealed partial class JwtValidator
{
    /// <summary>
    /// Creates a validator for the tokens of an OpenID Provider: discovery (OpenID Connect
    /// Discovery 1.0) names the issuer and the JWK Set URL, the issuer becomes the only
    /// accepted <c>iss</c>, and the keys come from a <see cref="JwksKeySource"/> that follows
    /// the provider's key rotation.
    /// </summary>
    /// <param name="authority">The issuer's address, e.g. <c>https://login.example.com/tenant</c>.
    /// https is required unless the host is loopback or
    /// <see cref="JwksKeySourceOptions.RequireHttps"/> is off.</param>
    /// <param name="configure">Sets the remaining rules, at least the audiences. It runs after
    /// discovery has set <see cref="JwtValidationOptions.Keys"/> and
    /// <see cref="JwtValidationOptions.ValidIssuers"/>, and may change them.</param>
    /// <param name="httpClient">The client for discovery and key refreshes; <see langword="null"/>
    /// uses a shared one. It is not disposed.</param>
    /// <param name="keySourceOptions">How keys are fetched and refreshed; <see langword="null"/>
    /// for the defaults.</param>
    /// <param name="cancellationToken">Cancels discovery and the first key fetch.</param>
    /// <returns>The validator. Its key source refreshes only when read, so it needs no disposal.</returns>
    /// <exception cref="JsonWebKeyException">Discovery or the key fetch failed, or the provider's
    /// issuer is not the authority.</exception>
    /// <exception cref="ArgumentException">The options are incomplete, e.g. no audience while the
    /// audience check is on.</exception>
    public static async Task<JwtValidator> CreateForAuthorityAsync(
        Uri authority,
        Action<JwtValidationOptions>? configure = null,
        HttpClient? httpClient = null,
        JwksKeySourceOptions? keySourceOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authority);
        HttpClient http = httpClient ?? DiscoveryClient.Shared;
        keySourceOptions ??= new JwksKeySourceOptions();

        OpenIdConfiguration configuration = await OpenIdConfiguration
            .LoadAsync(authority, http, keySourceOptions.RequireHttps, cancellationToken)
            .ConfigureAwait(false);
        JwksKeySource keys = await JwksKeySource
            .CreateAsync(configuration.JwksUri, http, keySourceOptions, cancellationToken)
            .ConfigureAwait(false);

        try
        {
            JwtValidationOptions options = new()
            {
                Keys = keys,
                ValidIssuers = [configuration.Issuer],
            };
            configure?.Invoke(options);

            if (!ReferenceEquals(options.Keys, keys))
            {
                keys.Dispose();
            }

            return new JwtValidator(options);
        }
        catch
        {
            keys.Dispose();
            throw;
        }
    }

    /// <summary>The client used when the caller brings none, made on first use only.</summary>
    private static class DiscoveryClient
    {
        internal static readonly HttpClient Shared = new(new SocketsHttpHandler
        {
            // Reconnect now and then so that a provider's DNS change is noticed.
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.All,
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }
}
