namespace FastToken.AspNetCore;

/// <summary>
/// A request feature set when a token requirement refuses a request, so that the 403
/// response can name the scope that was needed.
/// </summary>
internal sealed class TokenRequirementFailure(string? scope)
{
    /// <summary>The scope the request needed, or <see langword="null"/>.</summary>
    public string? Scope { get; } = scope;
}
