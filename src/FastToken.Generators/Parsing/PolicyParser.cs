using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using FastToken.Generators.Diagnostics;
using FastToken.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FastToken.Generators.Parsing;

/// <summary>
/// Reads a type marked <c>[TokenPolicy]</c> into a <see cref="PolicyModel"/> and its
/// diagnostics. Symbols and syntax stay here: nothing that leaves holds either.
/// </summary>
internal static partial class PolicyParser
{
    public const string TokenPolicyAttributeName = AttributeNamespace + "TokenPolicyAttribute";

    private const string AttributeNamespace = "FastToken.Policies.";

    private static readonly SymbolDisplayFormat s_typeFormat =
        SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(
            SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static PolicyParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        INamedTypeSymbol type = (INamedTypeSymbol)context.TargetSymbol;
        TypeDeclarationSyntax syntax = (TypeDeclarationSyntax)context.TargetNode;
        PolicyDraft draft = new();

        // The generator adds a part to the type, and to each type around it.
        TypeDeclarationSyntax? notPartial = FindNotPartial(syntax);
        if (notPartial is not null)
        {
            draft.Diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.PolicyNotPartial,
                LocationInfo.From(notPartial.Identifier.GetLocation()),
                type.Name));
            return new PolicyParseResult(null, draft.Diagnostics.ToImmutable());
        }

        if (IsGeneric(type))
        {
            draft.Diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.GenericPolicy, LocationInfo.From(syntax.Identifier.GetLocation()), type.Name));
            return new PolicyParseResult(null, draft.Diagnostics.ToImmutable());
        }

        ReadRequirements(type, draft, cancellationToken);
        ImmutableArray<CaptureModel> captures = ReadCaptures(type, draft, cancellationToken);

        ImmutableArray<TypeDeclarationModel>.Builder containing = ImmutableArray.CreateBuilder<TypeDeclarationModel>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, Declare(outer));
        }

        string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        string hintName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)
            .Replace("global::", string.Empty);

        ImmutableArray<ClaimRequirementModel>.Builder claims = ImmutableArray.CreateBuilder<ClaimRequirementModel>();
        foreach ((ClaimRequirementModel claim, LocationInfo? _) in draft.Claims)
        {
            claims.Add(claim);
        }

        PolicyModel model = new(
            hintName + ".g.cs",
            ns,
            containing.ToImmutable(),
            Declare(type),
            draft.Diagnostics.Count == 0,
            draft.Issuers,
            draft.Audiences,
            draft.Algorithms,
            draft.MediaType,
            draft.Scopes,
            draft.Roles,
            claims.ToImmutable(),
            draft.MaxAgeSeconds,
            draft.ClockSkewSeconds,
            captures);
        return new PolicyParseResult(model, draft.Diagnostics.ToImmutable());
    }

    private static TypeDeclarationSyntax? FindNotPartial(TypeDeclarationSyntax syntax)
    {
        for (SyntaxNode? node = syntax; node is not null; node = node.Parent)
        {
            if (node is TypeDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return declaration;
            }
        }

        return null;
    }

    private static bool IsGeneric(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    private static TypeDeclarationModel Declare(INamedTypeSymbol type)
    {
        bool isRecord = type.IsRecord;
        bool isStruct = type.TypeKind == TypeKind.Struct;
        string kind = type.TypeKind switch
        {
            TypeKind.Interface => "interface",
            TypeKind.Struct => isRecord ? "record struct" : "struct",
            _ => isRecord ? "record" : "class",
        };

        // Modifiers in the order C# requires: 'ref' and 'partial' stand just before the kind.
        string modifiers = string.Empty;
        if (type.IsStatic)
        {
            modifiers += "static ";
        }

        if (isStruct && type.IsReadOnly)
        {
            modifiers += "readonly ";
        }

        if (type.IsRefLikeType)
        {
            modifiers += "ref ";
        }

        return new TypeDeclarationModel(modifiers + "partial " + kind, type.Name, isStruct);
    }

    private static ImmutableArray<CaptureModel> ReadCaptures(
        INamedTypeSymbol type,
        PolicyDraft draft,
        CancellationToken cancellationToken)
    {
        ImmutableArray<CaptureModel>.Builder captures = ImmutableArray.CreateBuilder<CaptureModel>();
        bool reportedClass = false;
        foreach (ISymbol member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            AttributeData? claim = FindAttribute(member, "ClaimAttribute");
            if (claim is null || claim.ConstructorArguments.Length != 1)
            {
                continue;
            }

            SyntaxNode? memberSyntax = member.DeclaringSyntaxReferences.Length > 0
                ? member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken)
                : null;
            LocationInfo? memberLocation = memberSyntax is PropertyDeclarationSyntax declared
                ? LocationInfo.From(declared.Identifier.GetLocation())
                : LocationInfo.From(memberSyntax);

            if (member is not IPropertySymbol property || !IsCapturableShape(property, memberSyntax))
            {
                draft.Diagnostics.Add(
                    DiagnosticInfo.Create(DiagnosticDescriptors.ClaimMemberShape, memberLocation, member.Name));
                continue;
            }

            if (type.TypeKind != TypeKind.Struct && !reportedClass)
            {
                reportedClass = true;
                draft.Diagnostics.Add(
                    DiagnosticInfo.Create(DiagnosticDescriptors.ClaimsNeedStruct, memberLocation, type.Name));
            }

            string claimName = claim.ConstructorArguments[0].Value as string ?? string.Empty;
            if (IsBlank(claimName))
            {
                draft.Diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.EmptyValue,
                    ArgumentLocation(claim, 0, 0, cancellationToken),
                    $"The claim name of member '{member.Name}'"));
            }

            (CaptureKind kind, bool nullable) = Classify(property.Type);
            string typeName = property.Type.ToDisplayString(s_typeFormat);
            if (kind == CaptureKind.Unsupported)
            {
                LocationInfo? typeLocation = memberSyntax is PropertyDeclarationSyntax typed
                    ? LocationInfo.From(typed.Type)
                    : memberLocation;
                draft.Diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnsupportedClaimType,
                    typeLocation,
                    member.Name,
                    property.Type.ToDisplayString()));
            }

            captures.Add(new CaptureModel(member.Name, claimName, kind, nullable, typeName, Accessibility(property)));
        }

        return captures.ToImmutable();
    }

    private static bool IsCapturableShape(IPropertySymbol property, SyntaxNode? syntax)
    {
        // A partial definition without a body, implemented by no one else yet.
        return !property.IsStatic &&
            !property.IsIndexer &&
            property.IsPartialDefinition &&
            property.PartialImplementationPart is null &&
            property.GetMethod is not null &&
            property.SetMethod is null &&
            syntax is PropertyDeclarationSyntax;
    }

    private static (CaptureKind Kind, bool Nullable) Classify(ITypeSymbol type)
    {
        bool nullable = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
        {
            nullable = true;
            type = wrapper.TypeArguments[0];
        }

        CaptureKind kind = type switch
        {
            { SpecialType: SpecialType.System_Int64 } => CaptureKind.Int64,
            { SpecialType: SpecialType.System_Boolean } => CaptureKind.Boolean,
            _ when IsNamed(type, "System.DateTimeOffset") => CaptureKind.NumericDate,
            _ when !nullable && IsNamed(type, "FastToken.JwtStringArray") => CaptureKind.StringArray,
            INamedTypeSymbol { TypeArguments.Length: 1 } span when !nullable &&
                IsNamed(span.OriginalDefinition, "System.ReadOnlySpan<T>") &&
                span.TypeArguments[0].SpecialType == SpecialType.System_Byte => CaptureKind.Utf8String,
            _ => CaptureKind.Unsupported,
        };
        return (kind, nullable);
    }

    private static bool IsNamed(ITypeSymbol type, string name) => type.ToDisplayString() == name;

    private static string Accessibility(ISymbol symbol) => symbol.DeclaredAccessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    private static AttributeData? FindAttribute(ISymbol symbol, string name)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == AttributeNamespace + name)
            {
                return attribute;
            }
        }

        return null;
    }

    private static bool IsBlank(string? value) => value is null || value.Trim().Length == 0;

    /// <summary>
    /// Where the value at <paramref name="valueIndex"/> of the constructor parameter at
    /// <paramref name="parameterIndex"/> was written: its own argument when a params list was
    /// expanded, its element in an array or collection expression, else the attribute.
    /// </summary>
    private static LocationInfo? ArgumentLocation(
        AttributeData attribute,
        int parameterIndex,
        int valueIndex,
        CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
        {
            return null;
        }

        List<AttributeArgumentSyntax> positional = [];
        if (syntax.ArgumentList is not null)
        {
            foreach (AttributeArgumentSyntax argument in syntax.ArgumentList.Arguments)
            {
                if (argument.NameEquals is null)
                {
                    positional.Add(argument);
                }
            }
        }

        if (parameterIndex >= positional.Count)
        {
            return LocationInfo.From(syntax);
        }

        ExpressionSyntax expression = positional[parameterIndex].Expression;
        SeparatedSyntaxList<ExpressionSyntax>? elements = expression switch
        {
            ArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions,
            ImplicitArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions,
            _ => null,
        };
        if (expression is CollectionExpressionSyntax collection)
        {
            return valueIndex < collection.Elements.Count
                ? LocationInfo.From(collection.Elements[valueIndex])
                : LocationInfo.From(collection);
        }

        if (elements is { } list)
        {
            return valueIndex < list.Count ? LocationInfo.From(list[valueIndex]) : LocationInfo.From(expression);
        }

        int index = parameterIndex + valueIndex;
        return LocationInfo.From(index < positional.Count ? positional[index] : positional[parameterIndex]);
    }

    private static LocationInfo? NamedArgumentLocation(
        AttributeData attribute,
        string name,
        CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
        {
            return null;
        }

        if (syntax.ArgumentList is not null)
        {
            foreach (AttributeArgumentSyntax argument in syntax.ArgumentList.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return LocationInfo.From(argument);
                }
            }
        }

        return LocationInfo.From(syntax);
    }

    private static LocationInfo? AttributeLocation(AttributeData attribute, CancellationToken cancellationToken) =>
        LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
}
