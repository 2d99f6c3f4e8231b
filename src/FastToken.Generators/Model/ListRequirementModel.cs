namespace FastToken.Generators.Model;

/// <summary>Required scopes or roles.</summary>
/// <param name="Values">The values, in declaration order.</param>
/// <param name="MatchAny">Whether one value is enough, rather than all.</param>
/// <param name="ClaimNames">The claims the values are read from.</param>
internal sealed record ListRequirementModel(
    EquatableArray<string> Values,
    bool MatchAny,
    EquatableArray<string> ClaimNames);
