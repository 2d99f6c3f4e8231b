namespace FastToken.AspNetCore;

/// <summary>
/// The validator of an issuer found through OpenID discovery from <see cref="FastTokenOptions.Authority"/>.
/// </summary>
internal static class AuthorityValidatorSource
{
    /// <summary>Creates the source for the options' authority.</summary>
    /// <exception cref="ArgumentException">Always, for now: see the remark at the throw.</exception>
    public static ValidatorSource Create(FastTokenOptions options)
    {
        // Known shortcoming: OpenID discovery and remote key sets are not part of this build
        // yet, so Authority cannot be used; configure SigningKeys, SigningKeysJson or
        // SigningKeysFile with the issuer's public keys instead (they do not follow rotation).
        throw new ArgumentException(
            $"Authority '{options.Authority}' needs OpenID discovery, which this build does not include yet; "
            + "configure SigningKeys, SigningKeysJson or SigningKeysFile instead.");
    }
}
