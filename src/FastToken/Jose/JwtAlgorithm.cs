namespace FastToken;

/// <summary>The JWS signature algorithms FastToken verifies (RFC 7518 section 3).</summary>
/// <remarks>
/// <c>none</c> is deliberately absent: an unsecured JWS is never accepted. EdDSA (RFC 8037)
/// is absent because the platform's cryptography offers no Ed25519 yet, and FastToken does
/// not ship its own primitives; tokens that use it are rejected as not allowed.
/// </remarks>
public enum JwtAlgorithm
{
    /// <summary>No algorithm, or one FastToken does not support.</summary>
    Unknown = 0,

    /// <summary>HMAC with SHA-256.</summary>
    HS256,

    /// <summary>HMAC with SHA-384.</summary>
    HS384,

    /// <summary>HMAC with SHA-512.</summary>
    HS512,

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256.</summary>
    RS256,

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-384.</summary>
    RS384,

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-512.</summary>
    RS512,

    /// <summary>RSASSA-PSS with SHA-256 and a salt as long as the hash.</summary>
    PS256,

    /// <summary>RSASSA-PSS with SHA-384 and a salt as long as the hash.</summary>
    PS384,

    /// <summary>RSASSA-PSS with SHA-512 and a salt as long as the hash.</summary>
    PS512,

    /// <summary>ECDSA on P-256 with SHA-256.</summary>
    ES256,

    /// <summary>ECDSA on P-384 with SHA-384.</summary>
    ES384,

    /// <summary>ECDSA on P-521 with SHA-512.</summary>
    ES512,
}
