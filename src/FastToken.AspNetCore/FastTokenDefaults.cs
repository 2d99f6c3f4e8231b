namespace FastToken.AspNetCore;

/// <summary>Names that FastToken's ASP.NET Core integration uses by default.</summary>
public static class FastTokenDefaults
{
    /// <summary>The default authentication scheme name, <c>FastToken</c>.</summary>
    public const string AuthenticationScheme = "FastToken";

    /// <summary>
    /// The name of the <see cref="System.Diagnostics.Metrics.Meter"/> that counts validations,
    /// <c>FastToken.AspNetCore</c>.
    /// </summary>
    public const string MeterName = "FastToken.AspNetCore";

    /// <summary>
    /// The name of the <see cref="System.Diagnostics.ActivitySource"/> that traces validations,
    /// <c>FastToken.AspNetCore</c>.
    /// </summary>
    public const string ActivitySourceName = "FastToken.AspNetCore";
}
