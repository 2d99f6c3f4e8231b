namespace FastToken.AspNetCore;

/// <summary>Describes <see cref="CsrfRefusal"/> values.</summary>
public static class CsrfRefusalExtensions
{
    /// <summary>
    /// A fixed English sentence for <paramref name="refusal"/>, safe to log and to send to the
    /// client: it never contains any part of the request.
    /// </summary>
    /// <param name="refusal">The refusal.</param>
    /// <returns>A constant string; an undefined value gets a generic sentence.</returns>
    public static string GetDescription(this CsrfRefusal refusal) => refusal switch
    {
        CsrfRefusal.None => "The request passed the cross-site request check.",
        CsrfRefusal.OriginNotAllowed =>
            "Cross-site request refused: the page's origin may not use the token cookie "
            + "for this request; send the token in the Authorization header instead.",
        CsrfRefusal.OpaqueOrigin =>
            "Cross-site request refused: the request comes from an opaque origin.",
        CsrfRefusal.OriginMissing =>
            "Cross-site request refused: the request has no Origin header and no matching "
            + "anti-forgery token.",
        _ => "Cross-site request refused.",
    };
}
