namespace FastToken.Policies;

/// <summary>
/// Requires scopes: those granted by the <c>scope</c> claim (a space-delimited string, RFC 8693
/// 4.2 and RFC 9068 2.2.3) and the <c>scp</c> claim (the same string, or an array of scopes).
/// A token that fails is forbidden, not invalid: <see cref="PolicyFailure.Scope"/>, which a
/// server answers with 403 <c>insufficient_scope</c> (RFC 6750 3.1).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class RequireScopesAttribute : Attribute
{
    /// <summary>Requires <paramref name="scopes"/>: all of them unless <see cref="Matching"/> says otherwise.</summary>
    /// <param name="scopes">The scopes, compared exactly (RFC 6749 3.3); at least one.</param>
    public RequireScopesAttribute(params string[] scopes)
    {
        Scopes = scopes;
    }

    /// <summary>The required scopes.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>Whether all the scopes are required (the default) or any one is enough.</summary>
    public RequirementMatch Matching { get; set; }
}
