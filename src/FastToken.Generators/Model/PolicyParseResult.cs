namespace FastToken.Generators.Model;

/// <summary>What reading one policy type gives: a model to emit (unless nothing can be), and diagnostics.</summary>
/// <param name="Model">The model, or <see langword="null"/> when no code can be emitted at all.</param>
/// <param name="Diagnostics">The diagnostics.</param>
internal sealed record PolicyParseResult(PolicyModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
