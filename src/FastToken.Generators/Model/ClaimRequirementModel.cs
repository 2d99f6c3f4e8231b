namespace FastToken.Generators.Model;

/// <summary>The JSON type of a required claim value.</summary>
internal enum ClaimValueKind
{
    String,
    Integer,
    Boolean,
}

/// <summary>A required claim value: equality with one of the values, in the same JSON type.</summary>
/// <param name="Name">The claim name.</param>
/// <param name="Kind">The JSON type.</param>
/// <param name="Strings">The accepted strings, for <see cref="ClaimValueKind.String"/>.</param>
/// <param name="Integers">The accepted integers, for <see cref="ClaimValueKind.Integer"/>.</param>
/// <param name="Boolean">The required boolean, for <see cref="ClaimValueKind.Boolean"/>.</param>
internal sealed record ClaimRequirementModel(
    string Name,
    ClaimValueKind Kind,
    EquatableArray<string> Strings,
    EquatableArray<long> Integers,
    bool Boolean);
