using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace FastToken.AspNetCore;

public sealed partial class FastTokenHandler
{
    private const string NoStore = "no-store";

    private const string NoCache = "no-cache";

    private const string PlainText = "text/plain; charset=utf-8";

    // RFC 9110 §10.2.3: when to try again after a 503; the same as the discovery retry delay.
    private static readonly string RetryAfterSeconds =
        ((int)AuthorityValidatorSource.RetryDelay.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    // Used when a failure did not come from FastToken (an event called Fail): its message could
    // hold anything, so it is never sent.
    private const string GenericTokenDescription = "The token was not accepted.";

    /// <summary>
    /// Answers a request that the endpoint requires to be authenticated:
    /// 401 with a bare <c>Bearer</c> challenge when it carried no token, 401
    /// <c>invalid_token</c> for an invalid token, 400 <c>invalid_request</c> for a malformed or
    /// ambiguous request (RFC 6750 §3.1), 403 with the reason for a CSRF refusal, and 503 with
    /// <c>Retry-After</c> when the issuer's keys could not be fetched.
    /// </summary>
    /// <param name="properties">The challenge's properties.</param>
    /// <returns>A task that completes when the response is set.</returns>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        AuthenticateResult result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        FastTokenAuthenticationException? failure = result.Failure as FastTokenAuthenticationException;
        bool failed = result.Failure is not null;

        FastTokenChallengeContext context = new(Context, Scheme, Options, properties)
        {
            AuthenticateFailure = failure,
            StatusCode = failure?.StatusCode ?? StatusCodes.Status401Unauthorized,
            Error = !failed ? null : failure is null ? TokenError.InvalidToken : failure.ErrorCode,
            ErrorDescription = failed ? failure?.Message ?? GenericTokenDescription : null,
        };
        await Events.Challenge(context).ConfigureAwait(false);
        if (context.Handled)
        {
            return;
        }

        Response.StatusCode = context.StatusCode;
        SetNoStore(Response);
        Logger.Challenged(Scheme.Name, context.StatusCode);

        // A CSRF refusal and an unreachable issuer are no token errors and no challenge: the
        // client should not retry with other credentials, so the reason goes in the body.
        bool notTokenError = failure?.Failure is FastTokenFailure.CrossSiteRequestRefused
            or FastTokenFailure.IssuerUnavailable;
        if (notTokenError && context.Error is null)
        {
            if (failure!.Failure == FastTokenFailure.IssuerUnavailable)
            {
                Response.Headers.RetryAfter = RetryAfterSeconds;
            }

            Response.ContentType = PlainText;
            await Response.WriteAsync(context.ErrorDescription ?? failure!.Message, Encoding.UTF8)
                .ConfigureAwait(false);
            return;
        }

        TokenError? error = context.Error is null
            ? null
            : new TokenError(
                context.Error, context.StatusCode, context.ErrorDescription ?? DescribeCode(context.Error));
        Response.Headers.Append(HeaderNames.WWWAuthenticate, TokenError.WwwAuthenticate(Options.Realm, error));
    }

    /// <summary>
    /// Answers an authenticated request that lacks a permission: 403 with
    /// <c>error="insufficient_scope"</c> and, when a token requirement names it, the scope
    /// needed (RFC 6750 §3.1).
    /// </summary>
    /// <param name="properties">The forbid call's properties.</param>
    /// <returns>A task that completes when the response is set.</returns>
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        FastTokenForbiddenContext context = new(Context, Scheme, Options, properties)
        {
            RequiredScope = FastTokenIdentity.Find(Context.User)?.RequiredScope,
        };
        await Events.Forbidden(context).ConfigureAwait(false);
        if (context.Handled)
        {
            return;
        }

        Response.StatusCode = StatusCodes.Status403Forbidden;
        SetNoStore(Response);
        Logger.Forbidden(Scheme.Name, context.RequiredScope);

        TokenError error = new(TokenError.InsufficientScope, StatusCodes.Status403Forbidden, context.ErrorDescription);
        Response.Headers.Append(
            HeaderNames.WWWAuthenticate,
            TokenError.WwwAuthenticate(Options.Realm, error, context.RequiredScope));
    }

    private static void SetNoStore(HttpResponse response)
    {
        // An error about credentials is about this request only; no cache may keep it.
        response.Headers.CacheControl = NoStore;
        response.Headers.Pragma = NoCache;
    }

    private static string DescribeCode(string code) => code switch
    {
        TokenError.InvalidRequest => "The request is malformed.",
        TokenError.InsufficientScope => "The token does not grant the access this request requires.",
        _ => GenericTokenDescription,
    };
}
