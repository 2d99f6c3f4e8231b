namespace FastToken.Policies;

/// <summary>
/// Marks a <see langword="partial"/> get-only property of a struct policy as a captured claim.
/// The generator implements it, reading the value found during the validation pass.
/// </summary>
/// <remarks>
/// Supported types: <see cref="ReadOnlySpan{T}"/> of <see cref="byte"/> (a string, unescaped
/// UTF-8), <see cref="long"/>, <see cref="bool"/>, <see cref="DateTimeOffset"/> (a NumericDate),
/// their nullable forms, and <see cref="JwtStringArray"/> (a string or an array of strings). A
/// claim that is absent or of another JSON type reads as empty, <see langword="null"/> or the default.
/// Views read from the policy result's pooled buffer: they are valid until that result is disposed.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ClaimAttribute : Attribute
{
    /// <summary>Captures the claim <paramref name="name"/>.</summary>
    /// <param name="name">The claim name, e.g. <c>"tenant"</c>.</param>
    public ClaimAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The claim name.</summary>
    public string Name { get; }
}
