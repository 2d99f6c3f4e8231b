using System.Text.Json;

namespace FastToken.Keys;

/// <summary>
/// The parts of an OpenID Provider's discovery document (OpenID Connect Discovery 1.0,
/// section 3) that a resource server needs: who the issuer is and where its keys are.
/// </summary>
/// <remarks>
/// Loading a configuration is start-up work, so every failure (network, status, size,
/// JSON, an issuer that does not match) throws <see cref="JsonWebKeyException"/> with a
/// message that says what is wrong, rather than returning a status.
/// </remarks>
public sealed class OpenIdConfiguration
{
    /// <summary>The path discovery appends to the authority (OpenID Connect Discovery 1.0, section 4).</summary>
    public const string WellKnownPath = ".well-known/openid-configuration";

    private static readonly JsonDocumentOptions s_documentOptions = new()
    {
        MaxDepth = 32,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    private OpenIdConfiguration(
        string issuer,
        Uri jwksUri,
        Uri? tokenEndpoint,
        Uri? authorizationEndpoint,
        Uri? introspectionEndpoint,
        IReadOnlyList<string> idTokenSigningAlgorithms)
    {
        Issuer = issuer;
        JwksUri = jwksUri;
        TokenEndpoint = tokenEndpoint;
        AuthorizationEndpoint = authorizationEndpoint;
        IntrospectionEndpoint = introspectionEndpoint;
        IdTokenSigningAlgorithms = idTokenSigningAlgorithms;
    }

    /// <summary>The <c>issuer</c>, exactly as the document states it; tokens carry it in <c>iss</c>.</summary>
    public string Issuer { get; }

    /// <summary>The <c>jwks_uri</c>: where the provider publishes its signing keys.</summary>
    public Uri JwksUri { get; }

    /// <summary>The <c>token_endpoint</c>, or <see langword="null"/> when the document has none.</summary>
    public Uri? TokenEndpoint { get; }

    /// <summary>The <c>authorization_endpoint</c>, or <see langword="null"/> when the document has none.</summary>
    public Uri? AuthorizationEndpoint { get; }

    /// <summary>
    /// The <c>introspection_endpoint</c> (RFC 8414), or <see langword="null"/> when the document
    /// has none.
    /// </summary>
    public Uri? IntrospectionEndpoint { get; }

    /// <summary>The <c>id_token_signing_alg_values_supported</c>; empty when the document has none.</summary>
    public IReadOnlyList<string> IdTokenSigningAlgorithms { get; }

    /// <summary>
    /// Fetches and checks <c>{authority}/.well-known/openid-configuration</c>, requiring https
    /// for every host but loopback.
    /// </summary>
    /// <param name="authority">The issuer's address, e.g. <c>https://login.example.com/tenant</c>.</param>
    /// <param name="http">The client used for the request.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="JsonWebKeyException">The document could not be fetched, is not valid, or names
    /// another issuer.</exception>
    public static Task<OpenIdConfiguration> LoadAsync(
        Uri authority,
        HttpClient http,
        CancellationToken cancellationToken = default) =>
        LoadAsync(authority, http, requireHttps: true, cancellationToken);

    /// <summary>Fetches and checks <c>{authority}/.well-known/openid-configuration</c>.</summary>
    /// <param name="authority">The issuer's address, e.g. <c>https://login.example.com/tenant</c>.</param>
    /// <param name="http">The client used for the request.</param>
    /// <param name="requireHttps">Whether plain http is refused for hosts other than loopback. Turn it
    /// off only for development against a provider on another machine.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="JsonWebKeyException">The document could not be fetched, is not valid, or names
    /// another issuer.</exception>
    public static async Task<OpenIdConfiguration> LoadAsync(
        Uri authority,
        HttpClient http,
        bool requireHttps,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(http);
        RemoteDocument.EnsureAllowed(authority, requireHttps, "authority");

        // An issuer is a URL without query or fragment (OpenID Connect Discovery 1.0, section 2).
        if (authority.Query.Length > 0 || authority.Fragment.Length > 0)
        {
            throw new JsonWebKeyException($"The authority '{authority}' must not have a query or a fragment.");
        }

        // Section 4: the well-known path is appended to the issuer, after any path it has.
        Uri address = new(authority.AbsoluteUri.TrimEnd('/') + "/" + WellKnownPath);
        byte[] body = await RemoteDocument
            .GetAsync(http, address, RemoteDocument.DefaultMaxBytes, "discovery document", cancellationToken)
            .ConfigureAwait(false);

        OpenIdConfiguration configuration = Parse(body, address, requireHttps);

        // Section 4.3: the issuer in the document must be identical to the authority used to
        // find it, or one provider could speak for another. Only a trailing '/' is forgiven.
        if (!IssuerMatches(configuration.Issuer, authority))
        {
            throw new JsonWebKeyException(
                $"The discovery document at '{address}' names the issuer '{configuration.Issuer}', " +
                $"which is not the authority '{authority.OriginalString}'.");
        }

        return configuration;
    }

    /// <summary>Whether an issuer equals an authority, forgiving only a trailing '/'.</summary>
    internal static bool IssuerMatches(string issuer, Uri authority)
    {
        ReadOnlySpan<char> expected = authority.OriginalString.AsSpan().TrimEnd('/');
        ReadOnlySpan<char> actual = issuer.AsSpan().TrimEnd('/');
        return expected.SequenceEqual(actual);
    }

    private static OpenIdConfiguration Parse(byte[] body, Uri address, bool requireHttps)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body, s_documentOptions);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new JsonWebKeyException($"The discovery document at '{address}' is not a JSON object.");
            }

            string issuer = OptionalString(root, "issuer", address)
                ?? throw new JsonWebKeyException($"The discovery document at '{address}' has no 'issuer'.");
            Uri jwksUri = OptionalUri(root, "jwks_uri", address)
                ?? throw new JsonWebKeyException($"The discovery document at '{address}' has no 'jwks_uri'.");

            // The keys decide every signature, so they fall under the same https rule.
            RemoteDocument.EnsureAllowed(jwksUri, requireHttps, "jwks_uri");

            List<string> algorithms = [];
            if (root.TryGetProperty("id_token_signing_alg_values_supported", out JsonElement values) &&
                values.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement value in values.EnumerateArray())
                {
                    if (value.ValueKind == JsonValueKind.String)
                    {
                        algorithms.Add(value.GetString()!);
                    }
                }
            }

            return new OpenIdConfiguration(
                issuer,
                jwksUri,
                OptionalUri(root, "token_endpoint", address),
                OptionalUri(root, "authorization_endpoint", address),
                OptionalUri(root, "introspection_endpoint", address),
                algorithms);
        }
        catch (JsonException e)
        {
            throw new JsonWebKeyException($"The discovery document at '{address}' is not valid JSON.", e);
        }
    }

    private static string? OptionalString(JsonElement root, string name, Uri address)
    {
        if (!root.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new JsonWebKeyException(
                $"The discovery document at '{address}' has a '{name}' that is not a string.");
        }

        return value.GetString();
    }

    private static Uri? OptionalUri(JsonElement root, string name, Uri address)
    {
        string? text = OptionalString(root, name, address);
        if (text is null)
        {
            return null;
        }

        // On Unix "/path" parses as an absolute file: URI, so the scheme is checked as well.
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) ||
            (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new JsonWebKeyException(
                $"The discovery document at '{address}' has a '{name}' that is not an absolute http(s) URL.");
        }

        return uri;
    }
}
