using System.Buffers;
using System.Buffers.Text;
using Microsoft.AspNetCore.Authorization;

namespace FastToken.AspNetCore;

/// <summary>
/// Decides <see cref="TokenRequirement"/>s: from the verdict the FastToken scheme reached while
/// it validated the token, or, for a requirement it did not know of, from the token's claims
/// set, read again without building claims.
/// </summary>
internal sealed class TokenRequirementHandler : AuthorizationHandler<TokenRequirement>
{
    // A decoded claims set up to this size is judged from the stack.
    private const int StackLimit = 2048;

    /// <inheritdoc/>
    protected override Task HandleRequirementAsync(
        AuthorizationHandlerContext context,
        TokenRequirement requirement)
    {
        FastTokenIdentity? identity = FastTokenIdentity.Find(context.User);
        if (identity is null)
        {
            // Not authenticated by FastToken: nothing to judge, and the policy fails.
            return Task.CompletedTask;
        }

        bool met = identity.GetVerdict(requirement) ?? Judge(identity.TokenSpan, requirement);
        if (met)
        {
            context.Succeed(requirement);
        }
        else
        {
            identity.RequiredScope ??= requirement.ScopeText;
            context.Fail(new AuthorizationFailureReason(this, "The token does not meet " + requirement + "."));
        }

        return Task.CompletedTask;
    }

    private static bool Judge(ReadOnlySpan<char> token, TokenRequirement requirement)
    {
        // RFC 7515 §7.1: the claims set is the second base64url segment of a validated JWS.
        int firstDot = token.IndexOf('.');
        int secondDot = firstDot < 0 ? -1 : token[(firstDot + 1)..].IndexOf('.');
        if (secondDot < 0)
        {
            return false;
        }

        ReadOnlySpan<char> encoded = token.Slice(firstDot + 1, secondDot);
        int length = Base64Url.GetMaxDecodedLength(encoded.Length);
        byte[]? rented = null;
        Span<byte> buffer = length <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            if (Base64Url.DecodeFromChars(encoded, buffer, out _, out int written) != OperationStatus.Done)
            {
                return false;
            }

            Span<uint> granted = stackalloc uint[1];
            TokenRequirementVisitor visitor = new([new SingleTokenRequirement(requirement)], granted);
            return visitor.VisitAll(buffer[..written]) && visitor.Outcome == 1;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
            }
        }
    }

    /// <summary>A requirement that reached a policy without endpoint metadata.</summary>
    private sealed class SingleTokenRequirement(TokenRequirement requirement) : TokenRequirementAttribute(requirement);
}
