using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using JsonWebKey = FastToken.Keys.JsonWebKey;
using JsonWebKeySet = FastToken.Keys.JsonWebKeySet;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastToken.Policies.Benchmarks;

/// <summary>
/// One real-shaped access token and everything each contender needs to judge it: FastToken
/// validators and policies, and Microsoft.IdentityModel with an ASP.NET Core authorization policy.
/// </summary>
public sealed class TokenCase
{
    private static readonly string[] s_requiredScopes = ["orders.read", "orders.write"];

    private readonly string _name;

    public TokenCase(JwtAlgorithm algorithm)
    {
        _name = algorithm.ToString();
        Algorithm = algorithm;
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string claims = $$"""
            {"iss":"https://login.example.com","aud":["orders","billing"],"sub":"user-7","tenant":"acme",
             "client_id":"shop-web","scope":"openid profile orders.read orders.write","roles":["auditor","clerk"],
             "tier":"gold","amr":["pwd","mfa"],"iat":{{now}},"nbf":{{now}},"exp":{{now + 86400}},
             "jti":"5f0c7a1e-9b8d-4c1e-8f3a-2d6b7e9c0a41"}
            """;

        SecurityKey securityKey;
        JsonWebKey key;
        if (algorithm == JwtAlgorithm.ES256)
        {
            Ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            key = JsonWebKey.FromECDsa(Ecdsa.ExportParameters(includePrivateParameters: true), "es-1");
            securityKey = new ECDsaSecurityKey(Ecdsa) { KeyId = "es-1" };
        }
        else
        {
            HmacKey = RandomNumberGenerator.GetBytes(32);
            key = JsonWebKey.FromSymmetricKey(HmacKey, "hs-1");
            securityKey = new SymmetricSecurityKey(HmacKey) { KeyId = "hs-1" };
        }

        TokenText = JwtWriter.Create(key, algorithm, claims, "at+jwt");
        TokenBytes = Encoding.ASCII.GetBytes(TokenText);
        int signatureStart = TokenText.LastIndexOf('.');
        SigningInput = Encoding.ASCII.GetBytes(TokenText[..signatureStart]);
        Signature = Base64UrlEncoder.DecodeBytes(TokenText[(signatureStart + 1)..]);

        // FastToken: the policies judge issuer and audience themselves, so the validator need not.
        JsonWebKeySet keys = new([Ecdsa is null ? key : key.ToPublicKey()]);
        PolicyValidator = new JwtValidator(new JwtValidationOptions { Keys = keys, ValidateIssuer = false, ValidateAudience = false });
        RuntimePolicy = new TokenPolicyBuilder()
            .RequireIssuer("https://login.example.com")
            .RequireAudience("orders")
            .AllowAlgorithms(algorithm == JwtAlgorithm.ES256 ? [JwtAlgorithm.ES256] : [JwtAlgorithm.HS256, JwtAlgorithm.HS384])
            .RequireScopes(s_requiredScopes)
            .RequireRoles(["clerk", "manager"], RequirementMatch.Any)
            .RequireClaim("tier", "gold", "silver")
            .MaxTokenAge(TimeSpan.FromHours(1))
            .Build();

        // FastToken validating as JwtBearer would (issuer, audience, algorithm), ASP.NET Core authorizing.
        BearerValidator = new JwtValidator(RuntimePolicy.CreateValidationOptions(keys));

        // The incumbent: Microsoft.IdentityModel's handler and the same rules as an AuthorizationPolicy.
        Handler = new JsonWebTokenHandler();
        Parameters = new TokenValidationParameters
        {
            ValidIssuer = "https://login.example.com",
            ValidAudience = "orders",
            IssuerSigningKey = securityKey,
            ValidAlgorithms = algorithm == JwtAlgorithm.ES256 ? ["ES256"] : ["HS256", "HS384"],
            NameClaimType = "sub",
            RoleClaimType = "roles",
        };
        Authorization = new ServiceCollection()
            .AddLogging()
            .AddAuthorizationCore()
            .BuildServiceProvider()
            .GetRequiredService<IAuthorizationService>();
        Policy = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireAssertion(context => HasScopes(context.User, s_requiredScopes))
            .RequireRole("clerk", "manager")
            .RequireClaim("tier", "gold", "silver")
            .RequireAssertion(context => IsYoungerThan(context.User, 3600))
            .Build();
    }

    public JwtAlgorithm Algorithm { get; }

    public string TokenText { get; }

    public byte[] TokenBytes { get; }

    public byte[] SigningInput { get; }

    public byte[] Signature { get; }

    public byte[]? HmacKey { get; }

    public ECDsa? Ecdsa { get; }

    public JwtValidator PolicyValidator { get; }

    public JwtValidator BearerValidator { get; }

    public TokenPolicy RuntimePolicy { get; }

    public JsonWebTokenHandler Handler { get; }

    public TokenValidationParameters Parameters { get; }

    public IAuthorizationService Authorization { get; }

    public AuthorizationPolicy Policy { get; }

    public override string ToString() => _name;

    /// <summary>A principal as a FastToken-to-ASP.NET bridge would build it: one claim per string, array member or number.</summary>
    public static ClaimsPrincipal ToPrincipal(in JwtValidationResult result)
    {
        List<Claim> claims = [];
        foreach (JwtClaim claim in result.EnumerateClaims())
        {
            string name = Encoding.UTF8.GetString(claim.Name);
            if (claim.TryGetStringArray(out JwtStringArray values))
            {
                foreach (ReadOnlySpan<byte> value in values)
                {
                    claims.Add(new Claim(name, Encoding.UTF8.GetString(value)));
                }
            }
            else
            {
                claims.Add(new Claim(name, Encoding.UTF8.GetString(claim.RawValue)));
            }
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Bearer", "sub", "roles"));
    }

    private static bool HasScopes(ClaimsPrincipal user, string[] required)
    {
        // What applications write for RFC 8693 scope strings: ASP.NET Core has no scope requirement.
        string[] granted = user.FindFirst("scope")?.Value.Split(' ') ?? [];
        return required.All(granted.Contains);
    }

    private static bool IsYoungerThan(ClaimsPrincipal user, long seconds) =>
        long.TryParse(user.FindFirst("iat")?.Value, out long issuedAt) &&
        DateTimeOffset.UtcNow.ToUnixTimeSeconds() - issuedAt <= seconds;
}
