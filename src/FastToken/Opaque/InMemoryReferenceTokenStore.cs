using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace FastToken.Opaque;

/// <summary>
/// An in-process store of reference tokens that keeps only their SHA-256 hashes. It issues
/// random tokens, revokes them, and validates presented ones without allocating.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe: any number of threads may validate, add, revoke and purge at once.
/// Lookups only read; expired entries stay (and report <see cref="TokenStatus.Expired"/>)
/// until <see cref="Purge"/> runs, which <see cref="Add"/> also does when the store is full.
/// After a purge an expired token reports <see cref="TokenStatus.UnknownToken"/>.
/// </para>
/// <para>
/// The store lives in one process and is lost with it: tokens do not survive a restart and
/// are not shared between instances of a service. A shared store is the next step for a
/// deployment with more than one instance.
/// </para>
/// </remarks>
public sealed class InMemoryReferenceTokenStore : IOpaqueTokenValidator
{
    /// <summary>
    /// The shortest token <see cref="Add"/> accepts. RFC 6749 10.10 asks that a token be
    /// guessed with probability at most 2^-128; 22 base64url characters carry 128 bits.
    /// </summary>
    public const int MinTokenLength = 22;

    // 32 random bytes: a guess succeeds with probability 2^-256 per stored token.
    private const int IssuedTokenBytes = 32;

    // RFC 6750 2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=".
    private const string B64TokenCharacters =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/";

    private static readonly SearchValues<char> s_b64TokenChars = SearchValues.Create(B64TokenCharacters);

    private static readonly SearchValues<byte> s_b64TokenBytes =
        SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(B64TokenCharacters));

    private readonly ConcurrentDictionary<ReferenceTokenHash, ReferenceTokenEntry> _entries = new();
    private readonly TimeProvider _timeProvider;
    private readonly long _clockSkewTicks;
    private readonly int _maxEntries;
    private readonly int _maxTokenLength;
    private int _count;

    /// <summary>Creates an empty store.</summary>
    /// <param name="options">The rules; the defaults when null.</param>
    /// <exception cref="ArgumentException">
    /// The clock skew is negative, <c>MaxEntries</c> is not positive, or <c>MaxTokenLength</c>
    /// is below <see cref="MinTokenLength"/>.
    /// </exception>
    public InMemoryReferenceTokenStore(ReferenceTokenStoreOptions? options = null)
    {
        options ??= new ReferenceTokenStoreOptions();
        if (options.ClockSkew < TimeSpan.Zero || options.MaxEntries <= 0 ||
            options.MaxTokenLength < MinTokenLength)
        {
            throw new ArgumentException(
                "The clock skew must not be negative, MaxEntries must be positive, " +
                $"and MaxTokenLength at least {MinTokenLength}.",
                nameof(options));
        }

        _timeProvider = options.TimeProvider ?? TimeProvider.System;
        _clockSkewTicks = options.ClockSkew.Ticks;
        _maxEntries = options.MaxEntries;
        _maxTokenLength = options.MaxTokenLength;
    }

    /// <summary>How many entries the store holds, expired ones included until purged.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// A moment-in-time view of the stored hashes and entries, for administration. The
    /// tokens themselves are never stored, so they cannot be listed.
    /// </summary>
    public IEnumerable<KeyValuePair<ReferenceTokenHash, ReferenceTokenEntry>> Entries =>
        _entries.Select(static pair => pair);

    /// <summary>Issues a new random token (256 bits, base64url) for an entry and stores its hash.</summary>
    /// <param name="entry">What the token stands for.</param>
    /// <returns>The token. Hand it to the client; the store keeps only its hash.</returns>
    /// <exception cref="InvalidOperationException">
    /// The store is full even after purging expired entries.
    /// </exception>
    public string Issue(ReferenceTokenEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Span<byte> random = stackalloc byte[IssuedTokenBytes];
        RandomNumberGenerator.Fill(random);
        string token = Base64Url.EncodeToString(random);
        CryptographicOperations.ZeroMemory(random);

        Add(token, entry);
        return token;
    }

    /// <summary>Stores the hash of a token issued elsewhere.</summary>
    /// <param name="token">The token: an RFC 6750 b64token of <see cref="MinTokenLength"/> to
    /// <see cref="ReferenceTokenStoreOptions.MaxTokenLength"/> characters.</param>
    /// <param name="entry">What the token stands for.</param>
    /// <returns>
    /// The stored hash, safe to log and usable with <see cref="Revoke(ReferenceTokenHash)"/>.
    /// </returns>
    /// <exception cref="ArgumentException">
    /// The token is not a b64token, or is too short or too long.
    /// </exception>
    /// <exception cref="InvalidOperationException">
    /// The token is stored already, or the store is full even after purging expired entries.
    /// </exception>
    public ReferenceTokenHash Add(ReadOnlySpan<char> token, ReferenceTokenEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (token.Length < MinTokenLength || token.Length > _maxTokenLength || !IsB64Token(token))
        {
            throw new ArgumentException(
                $"A reference token is a b64token of {MinTokenLength} to {_maxTokenLength} characters.",
                nameof(token));
        }

        ReferenceTokenHash hash = ReferenceTokenHash.Compute(token);

        // The count is reserved before the entry is added, so concurrent adds cannot overshoot.
        if (!TryReserve())
        {
            Purge();
            if (!TryReserve())
            {
                throw new InvalidOperationException(
                    $"The store holds {_maxEntries} unexpired entries, its configured maximum.");
            }
        }

        if (!_entries.TryAdd(hash, entry))
        {
            Interlocked.Decrement(ref _count);
            throw new InvalidOperationException("This token is stored already.");
        }

        return hash;
    }

    /// <summary>Revokes a token: it is unknown from now on.</summary>
    /// <param name="token">The token.</param>
    /// <returns>Whether it was stored.</returns>
    public bool Revoke(ReadOnlySpan<char> token) =>
        ReferenceTokenHash.TryCompute(token, out ReferenceTokenHash hash) && Revoke(hash);

    /// <summary>Revokes a token by its hash, e.g. one taken from a log.</summary>
    /// <param name="hash">The hash.</param>
    /// <returns>Whether it was stored.</returns>
    public bool Revoke(ReferenceTokenHash hash)
    {
        if (!_entries.TryRemove(hash, out _))
        {
            return false;
        }

        Interlocked.Decrement(ref _count);
        return true;
    }

    /// <summary>Removes every entry whose expiry, plus the clock skew, has passed.</summary>
    /// <returns>How many entries were removed.</returns>
    public int Purge()
    {
        long nowTicks = _timeProvider.GetUtcNow().UtcTicks;
        int removed = 0;
        foreach (KeyValuePair<ReferenceTokenHash, ReferenceTokenEntry> pair in _entries)
        {
            // Removed only if still the same entry, so a concurrent revoke is not counted twice.
            if (IsExpired(pair.Value, nowTicks) && _entries.TryRemove(pair))
            {
                Interlocked.Decrement(ref _count);
                removed++;
            }
        }

        return removed;
    }

    /// <inheritdoc />
    public OpaqueTokenResult Validate(ReadOnlySpan<byte> token)
    {
        if (token.Length > _maxTokenLength)
        {
            return new OpaqueTokenResult(TokenStatus.TooLarge);
        }

        if (!IsB64Token(token))
        {
            return new OpaqueTokenResult(TokenStatus.Malformed);
        }

        return Lookup(ReferenceTokenHash.Compute(token));
    }

    /// <inheritdoc />
    public OpaqueTokenResult Validate(ReadOnlySpan<char> token)
    {
        if (token.Length > _maxTokenLength)
        {
            return new OpaqueTokenResult(TokenStatus.TooLarge);
        }

        // The alphabet check also guarantees ASCII, so hashing cannot fail.
        if (!IsB64Token(token) || !ReferenceTokenHash.TryCompute(token, out ReferenceTokenHash hash))
        {
            return new OpaqueTokenResult(TokenStatus.Malformed);
        }

        return Lookup(hash);
    }

    private OpaqueTokenResult Lookup(ReferenceTokenHash hash)
    {
        if (!_entries.TryGetValue(hash, out ReferenceTokenEntry? entry))
        {
            return new OpaqueTokenResult(TokenStatus.UnknownToken);
        }

        if (IsExpired(entry, _timeProvider.GetUtcNow().UtcTicks))
        {
            return new OpaqueTokenResult(TokenStatus.Expired);
        }

        return new OpaqueTokenResult(entry);
    }

    // In ticks, so that an expiry near DateTimeOffset.MaxValue cannot overflow.
    private bool IsExpired(ReferenceTokenEntry entry, long nowTicks) =>
        nowTicks - _clockSkewTicks >= entry.ExpiresAt.UtcTicks;

    private bool TryReserve()
    {
        if (Interlocked.Increment(ref _count) <= _maxEntries)
        {
            return true;
        }

        Interlocked.Decrement(ref _count);
        return false;
    }

    private static bool IsB64Token(ReadOnlySpan<char> token)
    {
        int end = token.IndexOfAnyExcept(s_b64TokenChars);
        return end < 0 ? !token.IsEmpty : end > 0 && !token[end..].ContainsAnyExcept('=');
    }

    private static bool IsB64Token(ReadOnlySpan<byte> token)
    {
        int end = token.IndexOfAnyExcept(s_b64TokenBytes);
        return end < 0 ? !token.IsEmpty : end > 0 && !token[end..].ContainsAnyExcept((byte)'=');
    }
}
