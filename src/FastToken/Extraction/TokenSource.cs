namespace FastToken;

/// <summary>
/// Where an extracted token came from.
/// </summary>
public enum TokenSource
{
    /// <summary>No token was extracted.</summary>
    None = 0,

    /// <summary>The <c>Authorization</c> field, <c>Bearer</c> scheme (RFC 6750 §2.1).</summary>
    AuthorizationHeader,

    /// <summary>The configured cookie, possibly assembled from chunks.</summary>
    Cookie,
}
