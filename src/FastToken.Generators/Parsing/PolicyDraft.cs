using System.Collections.Generic;
using System.Collections.Immutable;
using FastToken.Generators.Model;

namespace FastToken.Generators.Parsing;

/// <summary>The requirements of one policy while its attributes are being read.</summary>
internal sealed class PolicyDraft
{
    public ImmutableArray<string> Issuers { get; set; } = ImmutableArray<string>.Empty;

    public ImmutableArray<string> Audiences { get; set; } = ImmutableArray<string>.Empty;

    public ImmutableArray<string> Algorithms { get; set; } = ImmutableArray<string>.Empty;

    public string? MediaType { get; set; }

    public ListRequirementModel? Scopes { get; set; }

    public ListRequirementModel? Roles { get; set; }

    public List<(ClaimRequirementModel Claim, LocationInfo? Location)> Claims { get; } = [];

    public int? MaxAgeSeconds { get; set; }

    public int? ClockSkewSeconds { get; set; }

    public ImmutableArray<DiagnosticInfo>.Builder Diagnostics { get; } = ImmutableArray.CreateBuilder<DiagnosticInfo>();
}
