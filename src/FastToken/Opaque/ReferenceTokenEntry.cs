using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace FastToken.Opaque;

/// <summary>
/// What a reference token stands for: its subject, scopes, expiry and a few string claims.
/// Immutable, so that one instance can be handed to any number of concurrent requests.
/// </summary>
public sealed class ReferenceTokenEntry
{
    /// <summary>The most string claims an entry may carry.</summary>
    public const int MaxClaims = 32;

    private readonly FrozenDictionary<string, string> _claims;
    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byName;
    private readonly string[] _scopes;

    /// <summary>Creates an entry. The scopes and claims are copied.</summary>
    /// <param name="subject">The subject (the <c>sub</c> of a JWT).</param>
    /// <param name="expiresAt">When the token stops being valid.</param>
    /// <param name="scopes">The granted scopes, each an RFC 6749 3.3 scope-token; none when null.</param>
    /// <param name="claims">Further string claims, at most <see cref="MaxClaims"/>; none when null.</param>
    /// <exception cref="ArgumentException">
    /// A scope is not a scope-token, a claim name is empty or repeated, or there are too many claims.
    /// </exception>
    public ReferenceTokenEntry(
        string subject,
        DateTimeOffset expiresAt,
        IEnumerable<string>? scopes = null,
        IEnumerable<KeyValuePair<string, string>>? claims = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        Subject = subject;
        ExpiresAt = expiresAt;

        _scopes = scopes is null ? [] : [.. scopes];
        foreach (string scope in _scopes)
        {
            // RFC 6749 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
            if (string.IsNullOrEmpty(scope) || scope.AsSpan().ContainsAnyExceptInRange('\x21', '\x7E') ||
                scope.AsSpan().ContainsAny('"', '\\'))
            {
                throw new ArgumentException("Each scope must be an RFC 6749 scope-token.", nameof(scopes));
            }
        }

        Dictionary<string, string> copy = new(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> claim in claims ?? [])
        {
            if (string.IsNullOrEmpty(claim.Key) || claim.Value is null || !copy.TryAdd(claim.Key, claim.Value))
            {
                throw new ArgumentException(
                    "Claim names must be non-empty and unique, and values non-null.",
                    nameof(claims));
            }

            if (copy.Count > MaxClaims)
            {
                throw new ArgumentException($"An entry carries at most {MaxClaims} claims.", nameof(claims));
            }
        }

        _claims = copy.ToFrozenDictionary(StringComparer.Ordinal);
        _byName = _claims.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The subject the token was issued for.</summary>
    public string Subject { get; }

    /// <summary>When the token stops being valid.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The granted scopes, in the order given.</summary>
    public IReadOnlyList<string> Scopes => _scopes;

    /// <summary>The string claims, by name (ordinal).</summary>
    public IReadOnlyDictionary<string, string> Claims => _claims;

    /// <summary>Whether <paramref name="scope"/> was granted, compared ordinally, without allocating.</summary>
    /// <param name="scope">The scope.</param>
    /// <returns>Whether it is among <see cref="Scopes"/>.</returns>
    public bool HasScope(ReadOnlySpan<char> scope)
    {
        foreach (string granted in _scopes)
        {
            if (scope.SequenceEqual(granted))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a claim by name without allocating.</summary>
    /// <param name="name">The claim name, compared ordinally.</param>
    /// <param name="value">The value when present.</param>
    /// <returns>Whether the claim is present.</returns>
    public bool TryGetClaim(ReadOnlySpan<char> name, [NotNullWhen(true)] out string? value) =>
        _byName.TryGetValue(name, out value);
}
