namespace FastToken.AspNetCore;

/// <summary>What a scheme's options compile to: built once per options instance, shared by every request.</summary>
internal sealed class FastTokenRuntime(TokenExtractor extractor, CsrfPolicy csrf, ValidatorSource validators)
{
    /// <summary>Finds the token in a request.</summary>
    public TokenExtractor Extractor { get; } = extractor;

    /// <summary>Whether the extractor reads the Cookie header at all.</summary>
    public bool ReadsCookie { get; } = extractor.Sources != TokenSources.AuthorizationHeader;

    /// <summary>The CSRF defence for cookie-borne tokens.</summary>
    public CsrfPolicy Csrf { get; } = csrf;

    /// <summary>Supplies the validator.</summary>
    public ValidatorSource Validators { get; } = validators;
}
