namespace FastToken.Policies;

/// <summary>
/// Requires the header <c>typ</c>, e.g. <c>at+jwt</c> for RFC 9068 access tokens. Compared
/// case-insensitively, with or without the <c>application/</c> prefix (RFC 7515 4.1.9). A token
/// that fails is invalid: <see cref="TokenStatus.TypeInvalid"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class RequireTypeAttribute : Attribute
{
    /// <summary>Requires <paramref name="type"/>.</summary>
    /// <param name="type">The media type.</param>
    public RequireTypeAttribute(string type)
    {
        Type = type;
    }

    /// <summary>The required media type.</summary>
    public string Type { get; }
}
