using Microsoft.CodeAnalysis;

namespace FastToken.Generators.Diagnostics;

/// <summary>
/// The diagnostics of token policies. Ids are stable; every message says how to fix the policy.
/// All are errors that cannot be downgraded, because a policy that means something other than
/// what it says would let tokens through.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "FastToken.Policies";

    private static readonly string[] s_tags = [WellKnownDiagnosticTags.NotConfigurable];

    public static readonly DiagnosticDescriptor PolicyNotPartial = Create(
        "FT0001",
        "Token policy must be partial",
        "Token policy '{0}' must be declared partial, and so must the types that contain it, so that its validation " +
        "code can be added: add the 'partial' modifier");

    public static readonly DiagnosticDescriptor EmptyValue = Create(
        "FT0002",
        "Policy value is empty",
        "{0} must not be empty or white space: write the intended value, or remove it");

    public static readonly DiagnosticDescriptor AlgorithmNone = Create(
        "FT0003",
        "Algorithm 'none' is never accepted",
        "Algorithm '{0}' means an unsigned token, which FastToken never accepts (RFC 8725 3.2): name the algorithms " +
        "the issuer signs with, e.g. \"ES256\"");

    public static readonly DiagnosticDescriptor AlgorithmUnknown = Create(
        "FT0004",
        "Algorithm is unknown",
        "'{0}' is not an algorithm FastToken verifies: use HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, " +
        "PS512, ES256, ES384 or ES512, spelled exactly so");

    public static readonly DiagnosticDescriptor AlgorithmsMixed = Create(
        "FT0005",
        "HMAC and asymmetric algorithms are mixed",
        "Token policy '{0}' allows HMAC ({1}) and asymmetric ({2}) algorithms together, which invites key confusion " +
        "(RFC 8725 2.1): allow one family, or split the policy in two");

    public static readonly DiagnosticDescriptor DuplicateRequirement = Create(
        "FT0006",
        "Requirement is repeated",
        "{0} is required twice: remove the repetition");

    public static readonly DiagnosticDescriptor ContradictoryRequirement = Create(
        "FT0007",
        "Requirements contradict each other",
        "{0}: {1}");

    public static readonly DiagnosticDescriptor UnsupportedClaimType = Create(
        "FT0008",
        "Claim member type is not supported",
        "Claim member '{0}' has type '{1}', which cannot be captured without allocating: use ReadOnlySpan<byte> for " +
        "text, long, bool or DateTimeOffset (a NumericDate), their nullable forms, or JwtStringArray");

    public static readonly DiagnosticDescriptor NonPositiveMaxAge = Create(
        "FT0009",
        "Maximum token age is not positive",
        "MaxTokenAge is {0} seconds, but must be positive: give the oldest acceptable token age, " +
        "e.g. 3600 for an hour");

    public static readonly DiagnosticDescriptor NegativeClockSkew = Create(
        "FT0010",
        "Clock skew is negative",
        "ClockSkew is {0} seconds, but must not be negative: use 0 for no tolerance");

    public static readonly DiagnosticDescriptor ClaimMemberShape = Create(
        "FT0011",
        "Claim member must be a partial get-only property",
        "Claim member '{0}' must be a partial instance property with only a get accessor and no body, e.g. " +
        "'public partial ReadOnlySpan<byte> Tenant {{ get; }}': the generator implements it");

    public static readonly DiagnosticDescriptor ClaimsNeedStruct = Create(
        "FT0012",
        "Only a struct policy can capture claims",
        "Token policy '{0}' is a class, so capturing its claims would allocate one object per token: declare it as " +
        "a partial struct, or remove the [Claim] members");

    public static readonly DiagnosticDescriptor GenericPolicy = Create(
        "FT0013",
        "Token policy must not be generic",
        "Token policy '{0}' is generic or nested in a generic type: declare it as a non-generic type");

    private static DiagnosticDescriptor Create(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, customTags: s_tags);
}
