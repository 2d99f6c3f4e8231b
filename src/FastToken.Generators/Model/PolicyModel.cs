namespace FastToken.Generators.Model;

/// <summary>
/// Everything the emitter needs to know about one policy type, as equatable values: no
/// symbols and no syntax, so that an unrelated edit leaves it equal and its output cached.
/// </summary>
/// <param name="HintName">The generated file's name.</param>
/// <param name="Namespace">The namespace, or <see langword="null"/> for the global one.</param>
/// <param name="ContainingTypes">The types the policy is nested in, outermost first.</param>
/// <param name="Type">The policy type's declaration.</param>
/// <param name="IsValid">Whether the policy has no errors; an invalid one gets only what keeps errors readable.</param>
/// <param name="Issuers">Accepted <c>iss</c> values; empty checks none.</param>
/// <param name="Audiences">Accepted <c>aud</c> values; empty checks none.</param>
/// <param name="Algorithms">Allowed JOSE algorithm names; empty allows what the validator allows.</param>
/// <param name="MediaType">The required <c>typ</c>, or <see langword="null"/>.</param>
/// <param name="Scopes">The required scopes, or <see langword="null"/>.</param>
/// <param name="Roles">The required roles, or <see langword="null"/>.</param>
/// <param name="Claims">The required claim values, in declaration order.</param>
/// <param name="MaxAgeSeconds">The maximum token age, or <see langword="null"/>.</param>
/// <param name="ClockSkewSeconds">The policy's clock skew, or <see langword="null"/> to use the validator's.</param>
/// <param name="Captures">The claim members to implement.</param>
internal sealed record PolicyModel(
    string HintName,
    string? Namespace,
    EquatableArray<TypeDeclarationModel> ContainingTypes,
    TypeDeclarationModel Type,
    bool IsValid,
    EquatableArray<string> Issuers,
    EquatableArray<string> Audiences,
    EquatableArray<string> Algorithms,
    string? MediaType,
    ListRequirementModel? Scopes,
    ListRequirementModel? Roles,
    EquatableArray<ClaimRequirementModel> Claims,
    int? MaxAgeSeconds,
    int? ClockSkewSeconds,
    EquatableArray<CaptureModel> Captures);
