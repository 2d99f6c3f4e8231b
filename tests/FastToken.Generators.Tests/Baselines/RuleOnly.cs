using FastToken.Policies;

public static partial class Policies
{
    [TokenPolicy]
    [RequireScopes("reports.read", "reports.admin", Matching = RequirementMatch.Any)]
    [MaxTokenAge(3600)]
    public static partial class ReportsRead
    {
    }
}
