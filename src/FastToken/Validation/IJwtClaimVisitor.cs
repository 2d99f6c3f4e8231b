using System.Text.Json;

namespace FastToken;

/// <summary>
/// Sees the top-level claims it asks for during the validator's single pass over the payload,
/// so that policies and claim capture need no second parse. Generated policies implement it.
/// </summary>
/// <remarks>
/// The visitor is called only for tokens whose signature has verified, before the
/// registered claims are judged; its conclusions count only if the result is valid.
/// </remarks>
public interface IJwtClaimVisitor
{
    /// <summary>
    /// Whether the visitor reads claims of this name. The validator shows the visitor only the
    /// claims it wants, and builds no reader for the others; every claim is still checked and
    /// recorded. The default wants them all.
    /// </summary>
    /// <remarks>
    /// It must want every name whose visit could change what the visitor concludes: a claim
    /// it does not want is never shown to it, so a rule on that claim is silently never met.
    /// Being static, it depends on the name alone; a visitor whose names come from
    /// configuration keeps the default and filters in <see cref="VisitClaim"/>. It is chosen by
    /// the visitor's type argument, so a visitor passed as the interface type sees every claim.
    /// </remarks>
    /// <param name="name">The member name, unescaped UTF-8.</param>
    /// <returns>Whether <see cref="VisitClaim"/> should be called for it.</returns>
    static virtual bool WantsClaim(ReadOnlySpan<byte> name) => true;

    /// <summary>Called once per top-level member of the claims set that <see cref="WantsClaim"/> wants.</summary>
    /// <param name="name">The member name, unescaped UTF-8.</param>
    /// <param name="value">
    /// A reader over this value alone, positioned on it; the visitor may read through it (into
    /// an array or object) without disturbing the validator. Its positions count from the
    /// value's start; <paramref name="valueOffset"/> places that start in the payload.
    /// </param>
    /// <param name="valueOffset">Where the value starts in <see cref="JwtValidationResult.PayloadJson"/>
    /// (for a string, at its opening quote), so that a visitor can keep a position instead of a
    /// span.</param>
    void VisitClaim(ReadOnlySpan<byte> name, ref Utf8JsonReader value, int valueOffset);
}
