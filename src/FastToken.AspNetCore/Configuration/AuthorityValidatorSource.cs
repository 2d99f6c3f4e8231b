using FastToken.Keys;

namespace FastToken.AspNetCore;

/// <summary>
/// The validator of an issuer found through OpenID discovery from
/// <see cref="FastTokenOptions.Authority"/>. Discovery runs on the first request rather than at
/// start-up, once for all concurrent requests; the key source it creates then follows the
/// issuer's key rotation by itself.
/// </summary>
/// <remarks>
/// A failed discovery is retried by the first request after <see cref="RetryDelay"/>; until
/// then requests fail at once with the same error instead of each waiting on a dead issuer.
/// </remarks>
internal sealed class AuthorityValidatorSource : ValidatorSource
{
    /// <summary>How long a failed discovery is remembered before another is tried.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(10);

    private readonly Uri _authority;
    private readonly FastTokenOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly object _gate = new();
    private JwtValidator? _validator;
    private Task<JwtValidator>? _discovery;
    private long _failedAt;

    private AuthorityValidatorSource(Uri authority, FastTokenOptions options)
    {
        _authority = authority;
        _options = options;
        _timeProvider = options.TimeProvider ?? TimeProvider.System;
    }

    /// <summary>Creates the source for the options' authority; nothing is fetched yet.</summary>
    /// <exception cref="ArgumentException">The authority is not an absolute http(s) address.</exception>
    public static ValidatorSource Create(FastTokenOptions options)
    {
        bool valid = Uri.TryCreate(options.Authority, UriKind.Absolute, out Uri? authority)
            && (authority.Scheme == Uri.UriSchemeHttps || authority.Scheme == Uri.UriSchemeHttp);
        if (!valid)
        {
            throw new ArgumentException($"Authority '{options.Authority}' is not an absolute http(s) address.");
        }

        return new AuthorityValidatorSource(authority!, options);
    }

    /// <inheritdoc/>
    public override ValueTask<JwtValidator> GetAsync(CancellationToken cancellationToken)
    {
        JwtValidator? validator = Volatile.Read(ref _validator);
        return validator is not null
            ? new ValueTask<JwtValidator>(validator)
            : new ValueTask<JwtValidator>(WaitForDiscoveryAsync(cancellationToken));
    }

    private async Task<JwtValidator> WaitForDiscoveryAsync(CancellationToken cancellationToken)
    {
        Task<JwtValidator> discovery;
        lock (_gate)
        {
            bool retry = _discovery is { IsFaulted: true } or { IsCanceled: true }
                && _timeProvider.GetElapsedTime(_failedAt) >= RetryDelay;
            if (_discovery is null || retry)
            {
                // Not tied to one request: a request that gives up must not cancel it for the others.
                _discovery = DiscoverAsync();
            }

            discovery = _discovery;
        }

        return await discovery.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<JwtValidator> DiscoverAsync()
    {
        try
        {
            JwksKeySourceOptions keyOptions = new()
            {
                RequireHttps = _options.RequireHttpsMetadata,
                TimeProvider = _timeProvider,
            };
            JwtValidator validator = await JwtValidator.CreateForAuthorityAsync(
                    _authority, Configure, _options.Backchannel, keyOptions, CancellationToken.None)
                .ConfigureAwait(false);
            Volatile.Write(ref _validator, validator);
            return validator;
        }
        catch
        {
            Volatile.Write(ref _failedAt, _timeProvider.GetTimestamp());
            throw;
        }
    }

    private void Configure(JwtValidationOptions discovered)
    {
        // Discovery set the keys and the issuer; the scheme's settings decide the rest, and
        // replace the issuer only when they name issuers of their own.
        JwtValidationOptions mine = FastTokenPostConfigureOptions.CreateValidationOptions(_options, discovered.Keys!);
        if (mine.ValidIssuers.Count > 0)
        {
            discovered.ValidIssuers = mine.ValidIssuers;
        }

        discovered.ValidateIssuer = mine.ValidateIssuer;
        discovered.ValidAudiences = mine.ValidAudiences;
        discovered.ValidateAudience = mine.ValidateAudience;
        discovered.Algorithms = mine.Algorithms;
        discovered.RequiredType = mine.RequiredType;
        discovered.ClockSkew = mine.ClockSkew;
        discovered.TimeProvider = mine.TimeProvider;
        discovered.RequireExpirationTime = mine.RequireExpirationTime;
        discovered.MaxTokenLength = mine.MaxTokenLength;
    }
}
