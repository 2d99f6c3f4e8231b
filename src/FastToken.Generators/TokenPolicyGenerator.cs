using FastToken.Generators.Emitting;
using FastToken.Generators.Model;
using FastToken.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FastToken.Generators;

/// <summary>
/// Compiles token policies: for each type marked <c>[TokenPolicy]</c>, it emits straight-line
/// code that checks the policy's requirements and captures its claims in the validator's single
/// pass over the token's claims, and it reports the policy's mistakes as FT diagnostics.
/// </summary>
/// <remarks>
/// The pipeline keeps only equatable models between steps, so that an edit elsewhere in the
/// compilation leaves every step cached and no source is emitted again.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class TokenPolicyGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<PolicyParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                PolicyParser.TokenPolicyAttributeName,
                static (node, _) =>
                    node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax,
                static (attributeContext, cancellationToken) => PolicyParser.Parse(attributeContext, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        IncrementalValuesProvider<DiagnosticInfo> diagnostics = parsed
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(
            diagnostics,
            static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        IncrementalValuesProvider<PolicyModel> models = parsed
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(TrackingNames.Model);
        context.RegisterSourceOutput(
            models,
            static (output, model) => output.AddSource(model.HintName, PolicyEmitter.Emit(model)));
    }
}
