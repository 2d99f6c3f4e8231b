using FastToken.Keys;
using Microsoft.Extensions.Options;

namespace FastToken.AspNetCore;

/// <summary>
/// Checks a scheme's settings once they are complete and compiles them into a
/// <see cref="FastTokenRuntime"/>: the extractor, the CSRF defence and the validator.
/// </summary>
internal sealed class FastTokenPostConfigureOptions : IPostConfigureOptions<FastTokenOptions>
{
    /// <summary>Compiles the options of scheme <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">The settings are incomplete or contradict
    /// themselves; the message names the settings, never any key material.</exception>
    public void PostConfigure(string? name, FastTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        try
        {
            TokenExtractor extractor = new(new TokenExtractionOptions
            {
                Sources = options.TokenSources,
                CookieName = options.CookieName,
                MaxChunks = options.MaxCookieChunks,
                MaxTokenLength = options.MaxTokenLength,
            });
            CsrfPolicy csrf = new(options.Csrf);
            options.Runtime = new FastTokenRuntime(extractor, csrf, CreateValidatorSource(options));
        }
        catch (Exception exception) when (exception is ArgumentException or JsonWebKeyException or IOException)
        {
            throw new InvalidOperationException(
                $"The FastToken authentication scheme '{name}' is misconfigured: {exception.Message}",
                exception);
        }
    }

    private static ValidatorSource CreateValidatorSource(FastTokenOptions options)
    {
        int keySettings = (options.Validator is null ? 0 : 1)
            + (string.IsNullOrEmpty(options.Authority) ? 0 : 1)
            + (options.SigningKeys is null ? 0 : 1)
            + (string.IsNullOrEmpty(options.SigningKeysJson) ? 0 : 1)
            + (string.IsNullOrEmpty(options.SigningKeysFile) ? 0 : 1);
        if (keySettings != 1)
        {
            throw new ArgumentException(
                (keySettings == 0 ? "no keys are configured" : "keys are configured in more than one way")
                + ": set exactly one of Validator, Authority, SigningKeys, SigningKeysJson and SigningKeysFile.");
        }

        if (options.Validator is { } validator)
        {
            return new FixedValidatorSource(validator);
        }

        if (!string.IsNullOrEmpty(options.Authority))
        {
            return AuthorityValidatorSource.Create(options);
        }

        IJsonWebKeySource keys = options.SigningKeys
            ?? (string.IsNullOrEmpty(options.SigningKeysJson)
                ? JsonWebKeySet.FromFile(options.SigningKeysFile!)
                : JsonWebKeySet.Parse(options.SigningKeysJson));
        return new FixedValidatorSource(new JwtValidator(CreateValidationOptions(options, keys)));
    }

    /// <summary>The validation rules of the options, with the given keys.</summary>
    internal static JwtValidationOptions CreateValidationOptions(FastTokenOptions options, IJsonWebKeySource keys)
    {
        List<string> audiences = [.. options.Audiences];
        if (!string.IsNullOrEmpty(options.Audience) && !audiences.Contains(options.Audience))
        {
            audiences.Add(options.Audience);
        }

        return new JwtValidationOptions
        {
            Keys = keys,
            ValidIssuers = [.. options.Issuers],
            ValidateIssuer = options.ValidateIssuer,
            ValidAudiences = audiences,
            ValidateAudience = options.ValidateAudience,
            Algorithms = [.. options.Algorithms],
            RequiredType = options.RequiredType,
            ClockSkew = options.ClockSkew,
            TimeProvider = options.TimeProvider ?? TimeProvider.System,
            RequireExpirationTime = options.RequireExpirationTime,
            MaxTokenLength = options.MaxTokenLength,
        };
    }
}
