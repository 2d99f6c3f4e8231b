using System.Text;

namespace FastToken.Keys;

/// <summary>
/// Keys published at a JWK Set URL (RFC 7517 section 5), kept fresh in the background: the
/// set is refreshed when it grows older than <see cref="JwksKeySourceOptions.RefreshInterval"/>,
/// and early, rate-limited, when a token names a key the set lacks.
/// </summary>
/// <remarks>
/// <para>
/// Readers never wait and never see an exception: <see cref="Current"/> returns the last set
/// that loaded, and a refresh that fails leaves it in place. A new set replaces the old one
/// with a single reference write, so a validation sees one set from start to end.
/// </para>
/// <para>
/// Refreshes are started by reads rather than by a timer, so a source that nobody reads any
/// more makes no requests and holds no timer; it can simply be dropped. <see cref="Dispose"/>
/// cancels a refresh in flight and stops later ones.
/// </para>
/// </remarks>
public sealed class JwksKeySource : IJsonWebKeySource, IDisposable
{
    private static readonly UTF8Encoding s_strictUtf8 =
        new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly HttpClient _http;
    private readonly int _maxResponseBytes;
    private readonly TimeProvider _timeProvider;
    private readonly long _refreshIntervalTicks;
    private readonly long _minimumIntervalTicks;
    private readonly Action<Exception>? _refreshFailed;
    private readonly CancellationTokenSource _stopping = new();

    private JsonWebKeySet _current;
    private long _loadedAtUtcTicks;
    private Exception? _lastRefreshError;

    // Timestamps from _timeProvider. _refreshDue: when a read starts the scheduled refresh.
    // _lastAttempt: when the latest refresh started, for the rate limit on early ones.
    private long _refreshDue;
    private long _lastAttempt;
    private int _refreshing;
    private Task? _pendingRefresh;
    private volatile bool _disposed;

    private JwksKeySource(
        Uri jwksUri,
        HttpClient http,
        JwksKeySourceOptions options,
        JsonWebKeySet initial)
    {
        JwksUri = jwksUri;
        _http = http;
        _maxResponseBytes = options.MaxResponseBytes;
        _timeProvider = options.TimeProvider;
        _refreshFailed = options.RefreshFailed;
        _refreshIntervalTicks = ToTimestampTicks(options.RefreshInterval);
        _minimumIntervalTicks = ToTimestampTicks(options.MinimumRefreshInterval);
        _current = initial;
        _loadedAtUtcTicks = _timeProvider.GetUtcNow().UtcTicks;

        long now = _timeProvider.GetTimestamp();
        _refreshDue = SaturatingAdd(now, _refreshIntervalTicks);

        // The initial load is not an early refresh: the first unknown kid may ask at once.
        _lastAttempt = long.MinValue;
    }

    /// <summary>The JWK Set URL.</summary>
    public Uri JwksUri { get; }

    /// <summary>
    /// The latest key set that loaded. Never blocks; when the set is due for its scheduled
    /// refresh, the read starts one in the background and still returns the current set.
    /// </summary>
    public JsonWebKeySet Current
    {
        get
        {
            // Read before a refresh may start, so the caller gets the set that was current when
            // it asked, however fast the refresh completes.
            JsonWebKeySet current = Volatile.Read(ref _current);
            if (_timeProvider.GetTimestamp() >= Volatile.Read(ref _refreshDue))
            {
                TryStartRefresh();
            }

            return current;
        }
    }

    /// <summary>When the current set was fetched.</summary>
    public DateTimeOffset LoadedAt => new(Volatile.Read(ref _loadedAtUtcTicks), TimeSpan.Zero);

    /// <summary>Why the latest refresh failed, or <see langword="null"/> when it succeeded (or none ran yet).</summary>
    public Exception? LastRefreshError => Volatile.Read(ref _lastRefreshError);

    /// <summary>The refresh in flight or the latest one, for tests to wait on.</summary>
    internal Task? PendingRefresh => Volatile.Read(ref _pendingRefresh);

    /// <summary>
    /// Fetches a JWK Set and returns a source that keeps it fresh. The https rule applies:
    /// plain http only for loopback hosts unless <see cref="JwksKeySourceOptions.RequireHttps"/>
    /// is off.
    /// </summary>
    /// <param name="jwksUri">The JWK Set URL.</param>
    /// <param name="http">The client for this and every later request; the source does not dispose it.</param>
    /// <param name="options">Refresh and fetch settings; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the initial fetch.</param>
    /// <returns>The source, holding the fetched set.</returns>
    /// <exception cref="JsonWebKeyException">The URL is not allowed, the set could not be fetched, is not a
    /// JWK Set, or holds no key FastToken can verify with.</exception>
    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public static async Task<JwksKeySource> CreateAsync(
        Uri jwksUri,
        HttpClient http,
        JwksKeySourceOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jwksUri);
        ArgumentNullException.ThrowIfNull(http);
        options ??= new JwksKeySourceOptions();
        Validate(options);
        RemoteDocument.EnsureAllowed(jwksUri, options.RequireHttps, "JWK Set URL");

        JsonWebKeySet initial = await LoadAsync(http, jwksUri, options.MaxResponseBytes, cancellationToken)
            .ConfigureAwait(false);
        return new JwksKeySource(jwksUri, http, options, initial);
    }

    /// <summary>
    /// Starts a refresh in the background unless one started less than
    /// <see cref="JwksKeySourceOptions.MinimumRefreshInterval"/> ago or one is in flight.
    /// Returns at once, never throws, and allocates nothing when it starts nothing.
    /// </summary>
    public void OnKeyNotFound()
    {
        long now = _timeProvider.GetTimestamp();
        long last = Volatile.Read(ref _lastAttempt);
        if (last != long.MinValue && now - last < _minimumIntervalTicks)
        {
            return;
        }

        TryStartRefresh();
    }

    /// <summary>Cancels a refresh in flight and stops later ones. <see cref="Current"/> keeps working.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stopping.Cancel();
    }

    private void TryStartRefresh()
    {
        // A plain read first: while a refresh runs, readers must not fight over the cache line.
        if (_disposed || Volatile.Read(ref _refreshing) != 0 ||
            Interlocked.CompareExchange(ref _refreshing, 1, 0) != 0)
        {
            return;
        }

        // Until this refresh ends, reads need not look at the clock's verdict again.
        Volatile.Write(ref _refreshDue, long.MaxValue);
        Volatile.Write(ref _lastAttempt, _timeProvider.GetTimestamp());

        // The caller may be a request: its execution context (activity, async locals) must
        // not leak into work that outlives it, and it must not wait for the first await.
        using (ExecutionContext.SuppressFlow())
        {
            Volatile.Write(ref _pendingRefresh, Task.Run(RefreshAsync));
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            JsonWebKeySet set = await LoadAsync(_http, JwksUri, _maxResponseBytes, _stopping.Token)
                .ConfigureAwait(false);

            Volatile.Write(ref _current, set);
            Volatile.Write(ref _loadedAtUtcTicks, _timeProvider.GetUtcNow().UtcTicks);
            Volatile.Write(ref _lastRefreshError, null);
            Volatile.Write(ref _refreshDue, SaturatingAdd(_timeProvider.GetTimestamp(), _refreshIntervalTicks));
        }
        catch (Exception e) when (!_disposed)
        {
            // Keep the last good set, and try again no sooner than the rate limit allows.
            Volatile.Write(ref _lastRefreshError, e);
            Volatile.Write(ref _refreshDue, SaturatingAdd(_timeProvider.GetTimestamp(), _minimumIntervalTicks));
            NotifyFailure(e);
        }
        catch (Exception)
        {
            // Disposed while fetching: the result no longer matters.
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private void NotifyFailure(Exception e)
    {
        try
        {
            _refreshFailed?.Invoke(e);
        }
        catch (Exception)
        {
            // A logging callback that throws must not take the refresh loop down with it.
        }
    }

    private static async Task<JsonWebKeySet> LoadAsync(
        HttpClient http,
        Uri uri,
        int maxBytes,
        CancellationToken cancellationToken)
    {
        byte[] body = await RemoteDocument.GetAsync(http, uri, maxBytes, "JWK Set", cancellationToken)
            .ConfigureAwait(false);

        string json;
        try
        {
            json = s_strictUtf8.GetString(body);
        }
        catch (DecoderFallbackException e)
        {
            throw new JsonWebKeyException($"The JWK Set at '{uri}' is not UTF-8.", e);
        }

        JsonWebKeySet set = JsonWebKeySet.Parse(json);

        // An empty set would refuse every token; a provider that publishes one is broken, and
        // the keys that worked a moment ago are the better bet.
        if (set.Keys.Count == 0)
        {
            throw new JsonWebKeyException($"The JWK Set at '{uri}' holds no key FastToken can verify with.");
        }

        return set;
    }

    private static void Validate(JwksKeySourceOptions options)
    {
        if (options.RefreshInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("RefreshInterval must be positive.", nameof(options));
        }

        if (options.MinimumRefreshInterval < TimeSpan.Zero)
        {
            throw new ArgumentException("MinimumRefreshInterval must not be negative.", nameof(options));
        }

        if (options.MaxResponseBytes <= 0)
        {
            throw new ArgumentException("MaxResponseBytes must be positive.", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.TimeProvider);
    }

    private long ToTimestampTicks(TimeSpan interval)
    {
        double ticks = interval.TotalSeconds * _timeProvider.TimestampFrequency;
        return ticks >= long.MaxValue / 2 ? long.MaxValue / 2 : (long)ticks;
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
