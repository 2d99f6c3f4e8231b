namespace FastToken.Policies;

/// <summary>
/// Requires the <c>aud</c> claim (a string, or an array of strings) to name one of the given
/// audiences (RFC 7519 4.1.3). A token that fails is invalid: <see cref="TokenStatus.AudienceInvalid"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class RequireAudienceAttribute : Attribute
{
    /// <summary>Requires one of <paramref name="audiences"/>.</summary>
    /// <param name="audiences">The accepted audiences; at least one.</param>
    public RequireAudienceAttribute(params string[] audiences)
    {
        Audiences = audiences;
    }

    /// <summary>The accepted audiences.</summary>
    public IReadOnlyList<string> Audiences { get; }
}
