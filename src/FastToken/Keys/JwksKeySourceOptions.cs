namespace FastToken.Keys;

/// <summary>How a <see cref="JwksKeySource"/> fetches and refreshes its JWK Set.</summary>
public sealed class JwksKeySourceOptions
{
    /// <summary>
    /// How old the key set may grow before the next read starts a background refresh.
    /// Default 12 hours.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// The shortest time between two refresh attempts. It bounds how often tokens with
    /// unknown <c>kid</c>s can make the source call the provider, and is the retry delay
    /// after a failed refresh. Default 5 minutes.
    /// </summary>
    public TimeSpan MinimumRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether plain http is refused for hosts other than loopback. On by default; turn it off
    /// only for development against a provider on another machine.
    /// </summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>The largest JWK Set (or discovery document) accepted, in bytes. Default 1 MiB.</summary>
    public int MaxResponseBytes { get; set; } = RemoteDocument.DefaultMaxBytes;

    /// <summary>The clock that decides when refreshes are due. Inject one in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Called, on a background thread, when a refresh fails; the source keeps its last good
    /// set either way. Use it to log. An exception it throws is swallowed.
    /// </summary>
    public Action<Exception>? RefreshFailed { get; set; }
}
