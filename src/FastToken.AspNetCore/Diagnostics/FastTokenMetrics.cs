using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FastToken.AspNetCore;

/// <summary>
/// FastToken's instruments: a counter of authentications by result and a histogram of their
/// duration, on the meter <see cref="FastTokenDefaults.MeterName"/>, and an
/// <see cref="Activity"/> per authentication on the source <see cref="FastTokenDefaults.ActivitySourceName"/>.
/// One instance serves every scheme of an application.
/// </summary>
/// <remarks>
/// Tags: <c>fasttoken.scheme</c> (the scheme name), <c>fasttoken.source</c> (<c>header</c>,
/// <c>cookie</c> or <c>none</c>) and <c>fasttoken.result</c>: <c>valid</c>, <c>no-token</c>,
/// <c>invalid-request</c>, <c>csrf-refused</c>, <c>issuer-unavailable</c>, <c>rejected</c> (by an
/// event) or the validation status in kebab-case, such as <c>expired</c> or <c>signature-invalid</c>.
/// No tag ever holds token contents.
/// </remarks>
public sealed class FastTokenMetrics
{
    /// <summary>The result tag of a valid token.</summary>
    public const string ResultValid = "valid";

    /// <summary>The result tag of a request without a token.</summary>
    public const string ResultNoToken = "no-token";

    /// <summary>The result tag of a malformed or ambiguous request.</summary>
    public const string ResultInvalidRequest = "invalid-request";

    /// <summary>The result tag of a cookie-borne request refused by the CSRF defence.</summary>
    public const string ResultCsrfRefused = "csrf-refused";

    /// <summary>The result tag of a token that could not be checked: the issuer's keys are unavailable.</summary>
    public const string ResultIssuerUnavailable = "issuer-unavailable";

    /// <summary>The result tag of a valid token that an event rejected.</summary>
    public const string ResultRejected = "rejected";

    internal const string SchemeTag = "fasttoken.scheme";

    internal const string SourceTag = "fasttoken.source";

    internal const string ResultTag = "fasttoken.result";

    private static readonly ActivitySource s_activitySource = new(FastTokenDefaults.ActivitySourceName);

    private static readonly string[] s_statusNames = [.. Enum.GetValues<TokenStatus>().Select(TokenError.ToKebabCase)];

    private readonly Counter<long> _authentications;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    /// <param name="meterFactory">The application's meter factory.</param>
    public FastTokenMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter meter = meterFactory.Create(FastTokenDefaults.MeterName);
        _authentications = meter.CreateCounter<long>(
            "fasttoken.authentications",
            unit: "{request}",
            description: "Requests a FastToken scheme authenticated, by result.");
        _duration = meter.CreateHistogram<double>(
            "fasttoken.authentication.duration",
            unit: "s",
            description: "Time spent finding, checking and validating the token of a request.",
            advice: new InstrumentAdvice<double>
            {
                HistogramBucketBoundaries = [0.00001, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.005, 0.01],
            });
    }

    /// <summary>The kebab-case result tag of a validation status, from a table made once.</summary>
    internal static string ResultOf(TokenStatus status)
        => (uint)status < (uint)s_statusNames.Length ? s_statusNames[(int)status] : "invalid";

    internal static string SourceOf(TokenSource source) => source switch
    {
        TokenSource.AuthorizationHeader => "header",
        TokenSource.Cookie => "cookie",
        _ => "none",
    };

    /// <summary>Starts the activity of one authentication, or returns null when nobody listens.</summary>
    internal static Activity? StartActivity(string scheme)
    {
        Activity? activity = s_activitySource.StartActivity("FastToken.Authenticate", ActivityKind.Internal);
        activity?.SetTag(SchemeTag, scheme);
        return activity;
    }

    /// <summary>Counts one authentication and records its duration.</summary>
    internal void Record(string scheme, TokenSource source, string result, long startTimestamp)
    {
        KeyValuePair<string, object?> schemeTag = new(SchemeTag, scheme);
        KeyValuePair<string, object?> sourceTag = new(SourceTag, SourceOf(source));
        KeyValuePair<string, object?> resultTag = new(ResultTag, result);

        if (_authentications.Enabled)
        {
            _authentications.Add(1, schemeTag, sourceTag, resultTag);
        }

        if (_duration.Enabled)
        {
            double seconds = Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
            _duration.Record(seconds, schemeTag, sourceTag, resultTag);
        }
    }
}
