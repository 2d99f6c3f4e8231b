namespace FastToken.Policies;

/// <summary>
/// Requires a claim to hold one of the given values: strings compared ordinally after
/// unescaping, integers exactly, or a boolean. A claim that is absent, of another JSON type or
/// of another value fails, and the token is forbidden: <see cref="PolicyFailure.ClaimValue"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class RequireClaimAttribute : Attribute
{
    /// <summary>Requires the string claim <paramref name="name"/> to equal <paramref name="value"/>.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="value">The value.</param>
    public RequireClaimAttribute(string name, string value)
        : this(name, [value])
    {
    }

    /// <summary>Requires the string claim <paramref name="name"/> to equal one of <paramref name="values"/>.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="values">The accepted values; at least one.</param>
    public RequireClaimAttribute(string name, params string[] values)
    {
        Name = name;
        Values = values;
    }

    /// <summary>Requires the integer claim <paramref name="name"/> to equal <paramref name="value"/>.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="value">The value.</param>
    public RequireClaimAttribute(string name, long value)
        : this(name, [value])
    {
    }

    /// <summary>Requires the integer claim <paramref name="name"/> to equal one of <paramref name="values"/>.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="values">The accepted values; at least one.</param>
    public RequireClaimAttribute(string name, params long[] values)
    {
        Name = name;
        Values = [.. values.Select(v => (object)v)];
    }

    /// <summary>Requires the boolean claim <paramref name="name"/> to be <paramref name="value"/>.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="value">The value.</param>
    public RequireClaimAttribute(string name, bool value)
    {
        Name = name;
        Values = [value];
    }

    /// <summary>The claim name.</summary>
    public string Name { get; }

    /// <summary>The accepted values: strings, longs or one boolean.</summary>
    public IReadOnlyList<object> Values { get; }
}
