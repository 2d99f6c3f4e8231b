namespace FastToken.Opaque;

/// <summary>
/// The outcome of <see cref="IOpaqueTokenValidator.Validate(ReadOnlySpan{byte})"/>: a status,
/// and for a valid token the principal data stored with it. Creating one allocates nothing.
/// </summary>
/// <remarks>
/// A <see langword="default"/> instance is never valid: it reports
/// <see cref="TokenStatus.UnknownToken"/>, so a result that was never assigned fails closed.
/// </remarks>
public readonly struct OpaqueTokenResult
{
    private readonly TokenStatus _status;
    private readonly ReferenceTokenEntry? _entry;

    /// <summary>Creates the result of a valid token.</summary>
    /// <param name="entry">The principal data stored with the token.</param>
    public OpaqueTokenResult(ReferenceTokenEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _status = TokenStatus.Valid;
        _entry = entry;
    }

    /// <summary>Creates the result of a refused token.</summary>
    /// <param name="status">Why it was refused; not <see cref="TokenStatus.Valid"/>.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="status"/> is <see cref="TokenStatus.Valid"/>.
    /// </exception>
    public OpaqueTokenResult(TokenStatus status)
    {
        if (status == TokenStatus.Valid)
        {
            ThrowValidWithoutEntry();
        }

        _status = status;
    }

    /// <summary>The status; <see cref="TokenStatus.Valid"/> only for a valid token.</summary>
    public TokenStatus Status =>
        _entry is null && _status == TokenStatus.Valid ? TokenStatus.UnknownToken : _status;

    /// <summary>Whether the token is valid.</summary>
    public bool IsValid => _entry is not null;

    /// <summary>The principal data stored with the token.</summary>
    /// <exception cref="InvalidOperationException">The token is not valid.</exception>
    public ReferenceTokenEntry Entry => _entry ?? ThrowNoPrincipal(Status);

    /// <summary>The subject the token was issued for.</summary>
    /// <exception cref="InvalidOperationException">The token is not valid.</exception>
    public string Subject => Entry.Subject;

    /// <summary>The scopes granted to the token (RFC 6749 3.3).</summary>
    /// <exception cref="InvalidOperationException">The token is not valid.</exception>
    public IReadOnlyList<string> Scopes => Entry.Scopes;

    /// <summary>When the token expires.</summary>
    /// <exception cref="InvalidOperationException">The token is not valid.</exception>
    public DateTimeOffset ExpiresAt => Entry.ExpiresAt;

    /// <summary>The string claims stored with the token; empty when none.</summary>
    /// <exception cref="InvalidOperationException">The token is not valid.</exception>
    public IReadOnlyDictionary<string, string> Claims => Entry.Claims;

    private static ReferenceTokenEntry ThrowNoPrincipal(TokenStatus status) =>
        throw new InvalidOperationException(
            $"The token is not valid ({status}), so it has no principal to read.");

    private static void ThrowValidWithoutEntry() =>
        throw new ArgumentException("A valid result needs its entry: use the other constructor.", "status");
}
