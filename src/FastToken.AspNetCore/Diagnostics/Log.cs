using Microsoft.Extensions.Logging;

namespace FastToken.AspNetCore;

/// <summary>
/// The log messages of FastToken's handler, with stable event ids (1 to 99). None of them
/// carries token bytes: only statuses, sources and scheme names.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Scheme {Scheme}: token from {Source} validated ({Algorithm}).")]
    public static partial void TokenValidated(
        this ILogger logger, string scheme, TokenSource source, JwtAlgorithm algorithm);

    [LoggerMessage(2, LogLevel.Debug, "Scheme {Scheme}: the request carries no token ({Reason}).")]
    public static partial void NoToken(this ILogger logger, string scheme, ExtractionStatus reason);

    [LoggerMessage(3, LogLevel.Information, "Scheme {Scheme}: invalid request ({Reason}).")]
    public static partial void InvalidRequest(this ILogger logger, string scheme, ExtractionStatus reason);

    [LoggerMessage(4, LogLevel.Information, "Scheme {Scheme}: token from {Source} refused ({Status}).")]
    public static partial void TokenInvalid(
        this ILogger logger, string scheme, TokenSource source, TokenStatus status);

    [LoggerMessage(
        5,
        LogLevel.Warning,
        "Scheme {Scheme}: token cookie refused for a {Method} request by the CSRF defence ({Refusal}).")]
    public static partial void CsrfRefused(this ILogger logger, string scheme, string method, CsrfRefusal refusal);

    [LoggerMessage(6, LogLevel.Information, "Scheme {Scheme}: the token was rejected by the TokenValidated event.")]
    public static partial void RejectedByEvent(this ILogger logger, string scheme);

    [LoggerMessage(7, LogLevel.Debug, "Scheme {Scheme}: challenge answered with {StatusCode}.")]
    public static partial void Challenged(this ILogger logger, string scheme, int statusCode);

    [LoggerMessage(8, LogLevel.Information, "Scheme {Scheme}: forbidden; required scope: {Scope}.")]
    public static partial void Forbidden(this ILogger logger, string scheme, string? scope);

    [LoggerMessage(9, LogLevel.Error, "Scheme {Scheme}: the validator could not be created.")]
    public static partial void ValidatorUnavailable(this ILogger logger, string scheme, Exception exception);

    [LoggerMessage(
        10,
        LogLevel.Warning,
        "Endpoint {Endpoint} requires a token policy, but scheme {Scheme} authenticated the request "
        + "before routing chose the endpoint; the policy fails closed. Call UseAuthentication after UseRouting.")]
    public static partial void RequirementNotEvaluated(this ILogger logger, string? endpoint, string scheme);
}
