using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using FastToken.Generators.Diagnostics;
using FastToken.Generators.Model;
using Microsoft.CodeAnalysis;

namespace FastToken.Generators.Parsing;

internal static partial class PolicyParser
{
    private static readonly string[] s_knownAlgorithms =
    [
        "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
    ];

    private static readonly ImmutableArray<string> s_scopeClaims = ImmutableArray.Create("scope", "scp");

    private static readonly ImmutableArray<string> s_roleClaims = ImmutableArray.Create("roles", "role");

    private static void ReadRequirements(INamedTypeSymbol type, PolicyDraft draft, CancellationToken cancellationToken)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? name = attribute.AttributeClass?.ToDisplayString();
            if (name is null || attribute.AttributeConstructor is null ||
                !name.StartsWith(AttributeNamespace, StringComparison.Ordinal))
            {
                continue;
            }

            switch (name.Substring(AttributeNamespace.Length))
            {
                case "RequireIssuerAttribute":
                    draft.Issuers = ReadList(attribute, 0, new ListLabels("issuer"), draft, cancellationToken);
                    break;
                case "RequireAudienceAttribute":
                    draft.Audiences = ReadList(attribute, 0, new ListLabels("audience"), draft, cancellationToken);
                    break;
                case "AllowAlgorithmsAttribute":
                    ReadAlgorithms(type, attribute, draft, cancellationToken);
                    break;
                case "RequireTypeAttribute":
                    draft.MediaType = ReadList(attribute, 0, new ListLabels("media type"), draft, cancellationToken)[0];
                    break;
                case "RequireScopesAttribute":
                    draft.Scopes = new ListRequirementModel(
                        ReadList(attribute, 0, new ListLabels("scope"), draft, cancellationToken),
                        IsMatchAny(attribute),
                        s_scopeClaims);
                    break;
                case "RequireRolesAttribute":
                    draft.Roles = new ListRequirementModel(
                        ReadList(attribute, 0, new ListLabels("role"), draft, cancellationToken),
                        IsMatchAny(attribute),
                        ReadRoleClaims(attribute, draft, cancellationToken));
                    break;
                case "RequireClaimAttribute":
                    ReadClaim(attribute, draft, cancellationToken);
                    break;
                case "MaxTokenAgeAttribute":
                    int maxAge = attribute.ConstructorArguments[0].Value as int? ?? 0;
                    if (maxAge <= 0)
                    {
                        draft.Diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.NonPositiveMaxAge,
                            ArgumentLocation(attribute, 0, 0, cancellationToken),
                            maxAge.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    }

                    draft.MaxAgeSeconds = maxAge;
                    break;
                case "ClockSkewAttribute":
                    int skew = attribute.ConstructorArguments[0].Value as int? ?? 0;
                    if (skew < 0)
                    {
                        draft.Diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.NegativeClockSkew,
                            ArgumentLocation(attribute, 0, 0, cancellationToken),
                            skew.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    }

                    draft.ClockSkewSeconds = skew;
                    break;
            }
        }

        CheckClaimOverlaps(draft);
    }

    private static ImmutableArray<string> ReadList(
        AttributeData attribute,
        int parameterIndex,
        ListLabels labels,
        PolicyDraft draft,
        CancellationToken cancellationToken)
    {
        ImmutableArray<TypedConstant> values = Values(attribute.ConstructorArguments[parameterIndex]);
        if (values.Length == 0)
        {
            draft.Diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.EmptyValue, AttributeLocation(attribute, cancellationToken), labels.List));
            return ImmutableArray.Create(string.Empty);
        }

        ImmutableArray<string>.Builder list = ImmutableArray.CreateBuilder<string>(values.Length);
        HashSet<string> seen = new(StringComparer.Ordinal);
        for (int i = 0; i < values.Length; i++)
        {
            string? value = values[i].Value as string;
            if (IsBlank(value))
            {
                draft.Diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.EmptyValue,
                    ArgumentLocation(attribute, parameterIndex, i, cancellationToken),
                    labels.Item));
            }
            else if (!seen.Add(value!))
            {
                draft.Diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.DuplicateRequirement,
                    ArgumentLocation(attribute, parameterIndex, i, cancellationToken),
                    labels.Repeated(value!)));
            }

            list.Add(value ?? string.Empty);
        }

        return list.MoveToImmutable();
    }

    private static void ReadAlgorithms(
        INamedTypeSymbol type,
        AttributeData attribute,
        PolicyDraft draft,
        CancellationToken cancellationToken)
    {
        ImmutableArray<string> names = ReadList(attribute, 0, new ListLabels("algorithm"), draft, cancellationToken);
        List<string> hmac = [];
        List<string> asymmetric = [];
        for (int i = 0; i < names.Length; i++)
        {
            string name = names[i];
            if (IsBlank(name))
            {
                continue;
            }

            if (string.Equals(name.Trim(), "none", StringComparison.OrdinalIgnoreCase))
            {
                draft.Diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.AlgorithmNone, ArgumentLocation(attribute, 0, i, cancellationToken), name));
            }
            else if (Array.IndexOf(s_knownAlgorithms, name) < 0)
            {
                draft.Diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.AlgorithmUnknown,
                    ArgumentLocation(attribute, 0, i, cancellationToken),
                    name));
            }
            else
            {
                (name.StartsWith("HS", StringComparison.Ordinal) ? hmac : asymmetric).Add(name);
            }
        }

        // RFC 8725 2.1: a key meant for one family must never verify the other.
        if (hmac.Count > 0 && asymmetric.Count > 0)
        {
            draft.Diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.AlgorithmsMixed,
                AttributeLocation(attribute, cancellationToken),
                type.Name,
                string.Join(", ", hmac),
                string.Join(", ", asymmetric)));
        }

        draft.Algorithms = names;
    }

    private static ImmutableArray<string> ReadRoleClaims(
        AttributeData attribute,
        PolicyDraft draft,
        CancellationToken cancellationToken)
    {
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key != "ClaimName" || named.Value.IsNull)
            {
                continue;
            }

            string? claim = named.Value.Value as string;
            if (IsBlank(claim))
            {
                draft.Diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.EmptyValue,
                    NamedArgumentLocation(attribute, "ClaimName", cancellationToken),
                    "The role claim name"));
            }

            return ImmutableArray.Create(claim ?? string.Empty);
        }

        return s_roleClaims;
    }

    private static void ReadClaim(AttributeData attribute, PolicyDraft draft, CancellationToken cancellationToken)
    {
        ImmutableArray<TypedConstant> arguments = attribute.ConstructorArguments;
        if (arguments.Length != 2)
        {
            return;
        }

        string name = arguments[0].Value as string ?? string.Empty;
        if (IsBlank(name))
        {
            draft.Diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.EmptyValue,
                ArgumentLocation(attribute, 0, 0, cancellationToken),
                "The name of a required claim"));
        }

        ITypeSymbol parameter = attribute.AttributeConstructor!.Parameters[1].Type;
        ITypeSymbol element = parameter is IArrayTypeSymbol array ? array.ElementType : parameter;
        ClaimRequirementModel claim;
        ListLabels labels = new($"value of claim '{name}'", $"The values of claim '{name}'");
        switch (element.SpecialType)
        {
            case SpecialType.System_String:
                claim = new ClaimRequirementModel(
                    name,
                    ClaimValueKind.String,
                    ReadList(attribute, 1, labels, draft, cancellationToken),
                    EquatableArray<long>.Empty,
                    false);
                break;
            case SpecialType.System_Int64:
                claim = new ClaimRequirementModel(
                    name,
                    ClaimValueKind.Integer,
                    EquatableArray<string>.Empty,
                    ReadIntegers(attribute, labels, draft, cancellationToken),
                    false);
                break;
            case SpecialType.System_Boolean:
                claim = new ClaimRequirementModel(
                    name,
                    ClaimValueKind.Boolean,
                    EquatableArray<string>.Empty,
                    EquatableArray<long>.Empty,
                    arguments[1].Value is true);
                break;
            default:
                return;
        }

        draft.Claims.Add((claim, AttributeLocation(attribute, cancellationToken)));
    }

    private static ImmutableArray<long> ReadIntegers(
        AttributeData attribute,
        ListLabels labels,
        PolicyDraft draft,
        CancellationToken cancellationToken)
    {
        ImmutableArray<TypedConstant> values = Values(attribute.ConstructorArguments[1]);
        if (values.Length == 0)
        {
            draft.Diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.EmptyValue, AttributeLocation(attribute, cancellationToken), labels.List));
        }

        ImmutableArray<long>.Builder list = ImmutableArray.CreateBuilder<long>(values.Length);
        HashSet<long> seen = [];
        for (int i = 0; i < values.Length; i++)
        {
            long value = values[i].Value as long? ?? 0;
            if (!seen.Add(value))
            {
                draft.Diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.DuplicateRequirement,
                    ArgumentLocation(attribute, 1, i, cancellationToken),
                    labels.Repeated(value.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            }

            list.Add(value);
        }

        return list.MoveToImmutable();
    }

    /// <summary>
    /// One claim carries one requirement: a claim that another attribute reads, or that two
    /// RequireClaim attributes ask different values of, is a policy no token can be meant to meet.
    /// </summary>
    private static void CheckClaimOverlaps(PolicyDraft draft)
    {
        Dictionary<string, string> readBy = new(StringComparer.Ordinal);
        AddReaders(readBy, draft.Issuers.Length > 0 ? ["iss"] : [], "RequireIssuer");
        AddReaders(readBy, draft.Audiences.Length > 0 ? ["aud"] : [], "RequireAudience");
        AddReaders(readBy, draft.Scopes?.ClaimNames ?? EquatableArray<string>.Empty, "RequireScopes");
        AddReaders(readBy, draft.Roles?.ClaimNames ?? EquatableArray<string>.Empty, "RequireRoles");

        Dictionary<string, ClaimRequirementModel> seen = new(StringComparer.Ordinal);
        foreach ((ClaimRequirementModel claim, LocationInfo? location) in draft.Claims)
        {
            if (readBy.TryGetValue(claim.Name, out string? reader))
            {
                draft.Diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ContradictoryRequirement,
                    location,
                    $"Claim '{claim.Name}' is already checked by {reader}",
                    "remove the RequireClaim, or state the requirement in one place"));
            }
            else if (seen.TryGetValue(claim.Name, out ClaimRequirementModel? earlier))
            {
                draft.Diagnostics.Add(SameValues(earlier, claim)
                    ? DiagnosticInfo.Create(
                        DiagnosticDescriptors.DuplicateRequirement, location, $"Claim '{claim.Name}'")
                    : DiagnosticInfo.Create(
                        DiagnosticDescriptors.ContradictoryRequirement,
                        location,
                        $"Claim '{claim.Name}' must hold different values under two RequireClaim attributes",
                        "no token can meet both; merge them into one RequireClaim with every accepted value"));
            }
            else
            {
                seen.Add(claim.Name, claim);
            }
        }
    }

    private static void AddReaders(Dictionary<string, string> readBy, IEnumerable<string> claims, string attribute)
    {
        foreach (string claim in claims)
        {
            readBy[claim] = attribute;
        }
    }

    private static bool SameValues(ClaimRequirementModel left, ClaimRequirementModel right) =>
        left.Kind == right.Kind &&
        left.Boolean == right.Boolean &&
        new HashSet<string>(left.Strings, StringComparer.Ordinal).SetEquals(right.Strings) &&
        new HashSet<long>(left.Integers).SetEquals(right.Integers);

    private static bool IsMatchAny(AttributeData attribute)
    {
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key == "Matching")
            {
                return named.Value.Value is int match && match == 1;
            }
        }

        return false;
    }

    private static ImmutableArray<TypedConstant> Values(TypedConstant argument)
    {
        if (argument.Kind != TypedConstantKind.Array)
        {
            return ImmutableArray.Create(argument);
        }

        return argument.IsNull ? ImmutableArray<TypedConstant>.Empty : argument.Values;
    }

    /// <summary>How diagnostics name a list and its items, e.g. "The issuers" and "An issuer".</summary>
    private readonly struct ListLabels
    {
        private readonly string _noun;

        public ListLabels(string noun)
            : this(noun, "The " + noun + "s")
        {
        }

        public ListLabels(string noun, string list)
        {
            _noun = noun;
            List = list;
        }

        public string List { get; }

        public string Item => ("aeiou".IndexOf(_noun[0]) >= 0 ? "An " : "A ") + _noun;

        public string Repeated(string value)
        {
            int split = _noun.IndexOf(' ');
            string rest = split < 0 ? _noun.Substring(1) : _noun.Substring(1, split - 1);
            string head = char.ToUpperInvariant(_noun[0]) + rest;
            string tail = split < 0 ? string.Empty : _noun.Substring(split);
            return head + " '" + value + "'" + tail;
        }
    }
}
