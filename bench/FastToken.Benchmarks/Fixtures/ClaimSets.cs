using System.Text;

namespace FastToken.Benchmarks.Fixtures;

/// <summary>Claim sets shaped like the tokens real identity providers issue.</summary>
internal static class ClaimSets
{
    public const string Issuer = "https://id.example.com/";

    public const string Audience = "orders-api";

    public const string RequiredType = "at+jwt";

    /// <summary>The scope the end-to-end policy requires; the typical token grants it.</summary>
    public const string RequiredScope = "orders.read";

    /// <summary>The claims set for a shape, with a lifetime around <paramref name="now"/>.</summary>
    public static string For(TokenShape shape, DateTimeOffset now, bool expired) => shape switch
    {
        TokenShape.Typical => Typical(now, expired),
        _ => Enterprise(now, expired),
    };

    /// <summary>RFC 9068 2.2: iss, exp, aud, sub, client_id, iat, jti, plus scope and the usual nbf and auth_time.</summary>
    public static string Typical(DateTimeOffset now, bool expired)
    {
        (long iat, long exp) = Lifetime(now, expired);
        return $$"""
            {"iss":"{{Issuer}}","sub":"5be86359-073c-434b-ad2d","aud":"{{Audience}}",
            "exp":{{exp}},"nbf":{{iat}},"iat":{{iat}},"jti":"b1c6e2f09a4d4f3e",
            "client_id":"s6BhdRkqt3","scope":"{{RequiredScope}} orders.write","auth_time":{{iat - 300}}}
            """.Replace("\n", "", StringComparison.Ordinal);
    }

    /// <summary>An enterprise token: 26 claims, with roles, a groups array and the platform's bookkeeping claims.</summary>
    public static string Enterprise(DateTimeOffset now, bool expired)
    {
        (long iat, long exp) = Lifetime(now, expired);
        StringBuilder groups = new();
        for (int i = 0; i < 16; i++)
        {
            groups.Append(i == 0 ? "" : ",").Append('"').Append(Guid(i)).Append('"');
        }

        return $$"""
            {"aud":"{{Audience}}","iss":"{{Issuer}}","iat":{{iat}},"nbf":{{iat}},"exp":{{exp}},
            "aio":"AWQAm/8ZAAAA3kQmBnP2rJvHhTz0yXo9u1cVf6Lg4WbS7eRtYqKx5DdNa8MpUiOl","azp":"4b0c1d2e-3f40-4152-8637-48596a7b8c9d",
            "azpacr":"1","email":"ada.lovelace@contoso.example","family_name":"Lovelace","given_name":"Ada",
            "groups":[{{groups}}],"idp":"https://sts.example.com/7f3c2a91/","ipaddr":"203.0.113.42",
            "name":"Ada Lovelace","oid":"0a1b2c3d-4e5f-4061-8273-9485a6b7c8d9","preferred_username":"ada@contoso.example",
            "rh":"0.AXkAkSo8fx1LjE6cVS1rDo8aN0sMHE4_QFJBhjdIWWp7jJ15AIk.","roles":["Orders.Read","Orders.Write","Reports.View"],
            "scp":"access_as_user","sid":"00d2c5e8-7b41-4a93-a1f6-3c9e0b2d4f68","sub":"kH3sX9pLmQ2vR7tY1wZ5aB8cD4eF6gJ0",
            "tid":"7f3c2a91-4b1d-4e8a-9c55-2d6b0e8f1a37","uti":"Qw3rTy7uIo9pAs2dFg5hJk","ver":"2.0","amr":["pwd","mfa"]}
            """.Replace("\n", "", StringComparison.Ordinal);
    }

    /// <summary>A claims set of exactly <paramref name="count"/> claims: the registered ones, then filler strings.</summary>
    public static string WithClaimCount(int count, DateTimeOffset now)
    {
        (long iat, long exp) = Lifetime(now, expired: false);
        StringBuilder json = new();
        json.Append($$"""{"iss":"{{Issuer}}","aud":"{{Audience}}","exp":{{exp}},"iat":{{iat}}""");
        for (int i = 4; i < count; i++)
        {
            json.Append($$""","claim_{{i:D3}}":"value-{{Guid(i)}}" """.TrimEnd());
        }

        return json.Append('}').ToString();
    }

    private static (long Iat, long Exp) Lifetime(DateTimeOffset now, bool expired)
    {
        long seconds = now.ToUnixTimeSeconds();

        // Expired by an hour, far beyond any clock skew; valid for an hour otherwise.
        return expired ? (seconds - 7200, seconds - 3600) : (seconds - 60, seconds + 3600);
    }

    private static string Guid(int i) => $"{0x1f3a5c7e + (i * 7919):x8}-{i:x4}-4{i:x3}-8{i:x3}-{0x2b4d6f + i:x12}";
}
