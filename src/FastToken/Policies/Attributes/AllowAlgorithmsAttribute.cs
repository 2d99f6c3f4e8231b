namespace FastToken.Policies;

/// <summary>
/// Limits the signature algorithms a token may use, by their JOSE names (<c>"ES256"</c>),
/// case-sensitively (RFC 7515 4.1.1). A token signed otherwise is invalid:
/// <see cref="TokenStatus.AlgorithmNotAllowed"/>.
/// </summary>
/// <remarks>
/// <c>none</c> and unknown names are compile errors, and so is mixing HMAC with asymmetric
/// algorithms in one policy, which invites key confusion (RFC 8725 2.1).
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class AllowAlgorithmsAttribute : Attribute
{
    /// <summary>Allows only <paramref name="algorithms"/>.</summary>
    /// <param name="algorithms">The JOSE algorithm names; at least one.</param>
    public AllowAlgorithmsAttribute(params string[] algorithms)
    {
        Algorithms = algorithms;
    }

    /// <summary>The allowed algorithm names.</summary>
    public IReadOnlyList<string> Algorithms { get; }
}
