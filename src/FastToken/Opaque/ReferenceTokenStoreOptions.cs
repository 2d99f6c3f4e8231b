namespace FastToken.Opaque;

/// <summary>The rules of an <see cref="InMemoryReferenceTokenStore"/>. The store copies them.</summary>
public sealed class ReferenceTokenStoreOptions
{
    /// <summary>The clock. Inject one in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Tolerance for clocks that disagree, added to each entry's expiry. Default 30 seconds, as
    /// for JWTs, so that a token does not outlive its twin in another format.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most entries the store holds. Default 100,000.</summary>
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>The longest token accepted, in characters or bytes. Default 512.</summary>
    public int MaxTokenLength { get; set; } = 512;
}
