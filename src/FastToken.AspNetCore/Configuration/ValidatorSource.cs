namespace FastToken.AspNetCore;

/// <summary>
/// Supplies the validator of a scheme. A fixed one is ready at once; one that depends on the
/// issuer's discovery document is made on first use, off the configuration path, so that an
/// issuer that is down delays requests rather than application start.
/// </summary>
internal abstract class ValidatorSource
{
    /// <summary>The validator; completes synchronously once it exists.</summary>
    /// <exception cref="Exception">The validator could not be created (the issuer is unreachable or
    /// its document is unusable); a later call tries again.</exception>
    public abstract ValueTask<JwtValidator> GetAsync(CancellationToken cancellationToken);
}

/// <summary>A validator built once from local settings.</summary>
internal sealed class FixedValidatorSource(JwtValidator validator) : ValidatorSource
{
    /// <inheritdoc/>
    public override ValueTask<JwtValidator> GetAsync(CancellationToken cancellationToken) => new(validator);
}
