namespace FastToken.Keys;

/// <summary>
/// Thrown when key material given by the application (a JWK, a JWK Set, a discovery
/// document) cannot be used. Keys are configuration, not per-request input, so a bad one is
/// reported loudly rather than as a status.
/// </summary>
public sealed class JsonWebKeyException : Exception
{
    /// <summary>Creates the exception with a message that names what is wrong.</summary>
    /// <param name="message">What is wrong with the key material.</param>
    public JsonWebKeyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    /// <param name="message">What is wrong with the key material.</param>
    /// <param name="inner">The cause.</param>
    public JsonWebKeyException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
