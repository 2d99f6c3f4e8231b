namespace FastToken.Generators.Model;

/// <summary>How to re-declare a partial type: its keywords (e.g. <c>readonly partial struct</c>) and name.</summary>
/// <param name="Keywords">The modifiers and keyword, ending with the type kind.</param>
/// <param name="Name">The type's name.</param>
/// <param name="IsStruct">Whether instances can carry captured claims without allocating.</param>
internal sealed record TypeDeclarationModel(string Keywords, string Name, bool IsStruct);
