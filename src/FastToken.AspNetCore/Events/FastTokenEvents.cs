namespace FastToken.AspNetCore;

/// <summary>
/// Handlers called at each step of FastToken authentication. Set the delegates, or derive and
/// override the methods and name the type in
/// <see cref="Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions.EventsType"/>.
/// </summary>
/// <remarks>
/// A step whose delegate is not set and whose method is not overridden costs nothing: its
/// context is not even created. In particular the token is only copied into a string for
/// <see cref="OnTokenReceived"/> when that event is handled.
/// </remarks>
public class FastTokenEvents
{
    /// <summary>
    /// Called after the request was searched for a token (found or not), before anything is
    /// validated. The handler may replace the token (for example with one from the query string
    /// of a WebSocket request), or decide the result itself.
    /// </summary>
    public Func<FastTokenReceivedContext, Task>? OnTokenReceived { get; set; }

    /// <summary>
    /// Called after a token was validated, with its lazily built principal. The handler may
    /// reject the token (<see cref="Microsoft.AspNetCore.Authentication.ResultContext{TOptions}.Fail(string)"/>)
    /// or replace the principal.
    /// </summary>
    public Func<FastTokenValidatedContext, Task>? OnTokenValidated { get; set; }

    /// <summary>
    /// Called when a request that carries a credential is not authenticated: an invalid
    /// request, an invalid token or a CSRF refusal.
    /// </summary>
    public Func<FastTokenFailedContext, Task>? OnAuthenticationFailed { get; set; }

    /// <summary>
    /// Called before a challenge (401, 400 or, for a CSRF refusal, 403) is written; the handler
    /// may change the error or write the response itself.
    /// </summary>
    public Func<FastTokenChallengeContext, Task>? OnChallenge { get; set; }

    /// <summary>Called before a 403 <c>insufficient_scope</c> response is written.</summary>
    public Func<FastTokenForbiddenContext, Task>? OnForbidden { get; set; }

    /// <summary>Invokes <see cref="OnTokenReceived"/>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>The handler's task.</returns>
    public virtual Task TokenReceived(FastTokenReceivedContext context)
        => OnTokenReceived?.Invoke(context) ?? Task.CompletedTask;

    /// <summary>Invokes <see cref="OnTokenValidated"/>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>The handler's task.</returns>
    public virtual Task TokenValidated(FastTokenValidatedContext context)
        => OnTokenValidated?.Invoke(context) ?? Task.CompletedTask;

    /// <summary>Invokes <see cref="OnAuthenticationFailed"/>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>The handler's task.</returns>
    public virtual Task AuthenticationFailed(FastTokenFailedContext context)
        => OnAuthenticationFailed?.Invoke(context) ?? Task.CompletedTask;

    /// <summary>Invokes <see cref="OnChallenge"/>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>The handler's task.</returns>
    public virtual Task Challenge(FastTokenChallengeContext context)
        => OnChallenge?.Invoke(context) ?? Task.CompletedTask;

    /// <summary>Invokes <see cref="OnForbidden"/>.</summary>
    /// <param name="context">The context.</param>
    /// <returns>The handler's task.</returns>
    public virtual Task Forbidden(FastTokenForbiddenContext context)
        => OnForbidden?.Invoke(context) ?? Task.CompletedTask;

    /// <summary>Whether a derived type may override the methods, so every step must be called.</summary>
    internal bool IsDerived => GetType() != typeof(FastTokenEvents);
}
