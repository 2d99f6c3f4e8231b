namespace FastToken.Policies;

/// <summary>
/// Requires the <c>iss</c> claim to equal one of the given issuers, compared ordinally
/// (RFC 7519 4.1.1). A token that fails is invalid: <see cref="TokenStatus.IssuerInvalid"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class RequireIssuerAttribute : Attribute
{
    /// <summary>Requires one of <paramref name="issuers"/>.</summary>
    /// <param name="issuers">The accepted issuers; at least one.</param>
    public RequireIssuerAttribute(params string[] issuers)
    {
        Issuers = issuers;
    }

    /// <summary>The accepted issuers.</summary>
    public IReadOnlyList<string> Issuers { get; }
}
