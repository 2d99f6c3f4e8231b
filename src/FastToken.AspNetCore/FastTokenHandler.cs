using System.Buffers;
using System.Diagnostics;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace FastToken.AspNetCore;

/// <summary>
/// Authenticates requests by an access token in the <c>Authorization</c> header or a cookie,
/// validated by FastToken, and answers challenges and refusals as RFC 6750 §3 says.
/// </summary>
/// <remarks>
/// <para>
/// A request without a token is not authenticated and not failed (<see cref="AuthenticateResult.NoResult"/>);
/// a malformed or ambiguous request, an invalid token and a cookie-borne request refused by the
/// CSRF defence fail with a <see cref="FastTokenAuthenticationException"/>. An endpoint that
/// allows anonymous callers runs either way.
/// </para>
/// <para>
/// The success path copies nothing: the identity points at the header string that holds the
/// token, and its claims are built only when application code reads them.
/// </para>
/// </remarks>
public sealed partial class FastTokenHandler : AuthenticationHandler<FastTokenOptions>
{
    private readonly FastTokenMetrics _metrics;

    /// <summary>Creates a handler; the framework makes one per request and scheme.</summary>
    /// <param name="options">The schemes' options.</param>
    /// <param name="logger">The logger factory.</param>
    /// <param name="encoder">The URL encoder.</param>
    /// <param name="metrics">FastToken's instruments.</param>
    public FastTokenHandler(
        IOptionsMonitor<FastTokenOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        FastTokenMetrics metrics)
        : base(options, logger, encoder)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _metrics = metrics;
    }

    /// <summary>The events of the scheme.</summary>
    private new FastTokenEvents Events
    {
        get => (FastTokenEvents)base.Events!;
        set => base.Events = value;
    }

    /// <inheritdoc/>
    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new FastTokenEvents());

    /// <inheritdoc/>
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        long started = Stopwatch.GetTimestamp();
        using Activity? activity = FastTokenMetrics.StartActivity(Scheme.Name);

        Attempt attempt = await AuthenticateCoreAsync().ConfigureAwait(false);

        _metrics.Record(Scheme.Name, attempt.Source, attempt.Tag, started);
        if (activity is not null)
        {
            activity.SetTag(FastTokenMetrics.SourceTag, FastTokenMetrics.SourceOf(attempt.Source));
            activity.SetTag(FastTokenMetrics.ResultTag, attempt.Tag);
            if (attempt.Result.Failure is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, attempt.Tag);
            }
        }

        return attempt.Result;
    }

    private async Task<Attempt> AuthenticateCoreAsync()
    {
        FastTokenRuntime runtime = Options.Runtime
            ?? throw new InvalidOperationException("The FastToken options were not post-configured.");

        // Step 1: find the token. A malformed request fails here, before any event sees it.
        ExtractionStatus status = Extract(runtime, out TokenText token, out TokenSource source);
        if (status.IsInvalidRequest())
        {
            Logger.InvalidRequest(Scheme.Name, status);
            FastTokenAuthenticationException invalid = new(status);
            return await FailAsync(invalid, FastTokenMetrics.ResultInvalidRequest).ConfigureAwait(false);
        }

        // Step 2: let the application see, replace or supply the token.
        if (Events.OnTokenReceived is not null || Events.IsDerived)
        {
            FastTokenReceivedContext received = new(Context, Scheme, Options)
            {
                Token = token.IsEmpty ? null : token.ToString(),
                Source = source,
            };
            await Events.TokenReceived(received).ConfigureAwait(false);
            if (received.Result is { } decided)
            {
                return new Attempt(decided, received.Source, TagOf(decided));
            }

            token = TokenText.Of(string.IsNullOrEmpty(received.Token) ? null : received.Token);
            source = token.IsEmpty ? TokenSource.None : received.Source;
        }

        if (token.IsEmpty)
        {
            Logger.NoToken(Scheme.Name, status);
            return new Attempt(AuthenticateResult.NoResult(), TokenSource.None, FastTokenMetrics.ResultNoToken);
        }

        // Step 3: a token that the browser attached by itself must come from a trusted page.
        if (source == TokenSource.Cookie)
        {
            CsrfRefusal refusal = runtime.Csrf.Check(Request);
            if (refusal != CsrfRefusal.None)
            {
                Logger.CsrfRefused(Scheme.Name, Request.Method, refusal);
                FastTokenAuthenticationException refused = new(refusal);
                return await FailAsync(refused, FastTokenMetrics.ResultCsrfRefused).ConfigureAwait(false);
            }
        }

        // Step 4: validate.
        JwtValidator validator;
        try
        {
            validator = await runtime.Validators.GetAsync(Context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Logger.ValidatorUnavailable(Scheme.Name, exception);
            FastTokenAuthenticationException unavailable = new(source, exception);
            return await FailAsync(unavailable, FastTokenMetrics.ResultIssuerUnavailable).ConfigureAwait(false);
        }

        FastTokenIdentity? identity = Validate(
            validator, token, source, out TokenStatus tokenStatus, out string? policyDescription);
        if (identity is null)
        {
            Logger.TokenInvalid(Scheme.Name, source, tokenStatus);
            FastTokenAuthenticationException invalid = policyDescription is null
                ? new(tokenStatus, source)
                : new(tokenStatus, source, policyDescription);
            return await FailAsync(invalid, FastTokenMetrics.ResultOf(tokenStatus)).ConfigureAwait(false);
        }

        Logger.TokenValidated(Scheme.Name, source, identity.Algorithm);

        // Step 5: let the application veto the token or change the principal.
        ClaimsPrincipal principal;
        if (Events.OnTokenValidated is not null || Events.IsDerived)
        {
            FastTokenValidatedContext validated = new(Context, Scheme, Options, identity);
            await Events.TokenValidated(validated).ConfigureAwait(false);
            if (validated.Result is { } decided)
            {
                if (!decided.Succeeded)
                {
                    Logger.RejectedByEvent(Scheme.Name);
                }

                return new Attempt(decided, source, TagOf(decided));
            }

            principal = validated.Principal ?? new ClaimsPrincipal(identity);
        }
        else
        {
            principal = new ClaimsPrincipal(identity);
        }

        AuthenticationTicket ticket = new(principal, Scheme.Name);
        return new Attempt(AuthenticateResult.Success(ticket), source, FastTokenMetrics.ResultValid);
    }

    private ExtractionStatus Extract(FastTokenRuntime runtime, out TokenText token, out TokenSource source)
    {
        IHeaderDictionary headers = Request.Headers;
        StringValues authorization = headers.Authorization;
        StringValues cookies = runtime.ReadsCookie ? headers.Cookie : default;

        // Views of the field values without copying them: one value is the common case.
        string? oneAuthorization = authorization.Count == 1 ? authorization[0] : null;
        string? oneCookie = cookies.Count == 1 ? cookies[0] : null;
        ReadOnlySpan<string?> authorizationValues = authorization.Count switch
        {
            0 => default,
            1 => new ReadOnlySpan<string?>(ref oneAuthorization),
            _ => authorization.ToArray(),
        };
        ReadOnlySpan<string?> cookieValues = cookies.Count switch
        {
            0 => default,
            1 => new ReadOnlySpan<string?>(ref oneCookie),
            _ => cookies.ToArray(),
        };

        // The chunk buffer is pooled; a token assembled in it is copied out before it goes back.
        int bufferLength = runtime.Extractor.RequiredChunkBufferLength;
        char[]? rented = bufferLength > 0 ? ArrayPool<char>.Shared.Rent(bufferLength) : null;
        try
        {
            ExtractionStatus status = runtime.Extractor.Extract(
                authorizationValues,
                cookieValues,
                rented.AsSpan(0, bufferLength),
                out ReadOnlySpan<char> found,
                out source);
            if (!status.IsFound())
            {
                token = default;
                return status;
            }

            ReadOnlySpan<string?> holders = source == TokenSource.Cookie ? cookieValues : authorizationValues;
            token = TokenText.Locate(found, holders);
            if (rented is not null && rented.AsSpan().Overlaps(found, out int offset))
            {
                // Leave no token behind in a buffer that other requests will reuse.
                rented.AsSpan(offset, found.Length).Clear();
            }

            return status;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private async Task<Attempt> FailAsync(FastTokenAuthenticationException failure, string tag)
    {
        if (Events.OnAuthenticationFailed is not null || Events.IsDerived)
        {
            FastTokenFailedContext failed = new(Context, Scheme, Options, failure);
            await Events.AuthenticationFailed(failed).ConfigureAwait(false);
            if (failed.Result is { } decided)
            {
                string decidedTag = decided.Succeeded ? FastTokenMetrics.ResultValid : tag;
                return new Attempt(decided, failure.TokenSource, decidedTag);
            }
        }

        return new Attempt(AuthenticateResult.Fail(failure), failure.TokenSource, tag);
    }

    private static string TagOf(AuthenticateResult result)
        => result.Succeeded ? FastTokenMetrics.ResultValid
            : result.None ? FastTokenMetrics.ResultNoToken
            : FastTokenMetrics.ResultRejected;

    /// <summary>An authentication result with what the instruments record about it.</summary>
    private readonly record struct Attempt(AuthenticateResult Result, TokenSource Source, string Tag);
}
