namespace FastToken.Keys;

/// <summary>Supplies the keys a validator trusts. A static <see cref="JsonWebKeySet"/> is one; a
/// source that follows a JWKS URL and rotates keys is another.</summary>
public interface IJsonWebKeySource
{
    /// <summary>The current key set. Read once per validation; must not block.</summary>
    JsonWebKeySet Current { get; }

    /// <summary>
    /// Called when a token names a key the current set lacks, so a remote source can refresh
    /// early (rate-limited). Must return at once and must not throw.
    /// </summary>
    void OnKeyNotFound();
}
