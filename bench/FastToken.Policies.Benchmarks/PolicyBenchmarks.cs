using System.Security.Claims;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace FastToken.Policies.Benchmarks;

/// <summary>
/// The same authorization rules (issuer, audience, algorithms, two scopes, one of two roles, a
/// claim value, a maximum age) judged four ways over one token, with the bare signature check
/// as the floor.
/// </summary>
[MemoryDiagnoser]
public class PolicyBenchmarks
{
    public static IEnumerable<TokenCase> Tokens() => [new TokenCase(JwtAlgorithm.HS256), new TokenCase(JwtAlgorithm.ES256)];

    [Benchmark(Baseline = true, Description = "IdentityModel + AuthorizationPolicy")]
    [ArgumentsSource(nameof(Tokens))]
    public async Task<bool> IdentityModelAuthorizationPolicy(TokenCase token)
    {
        TokenValidationResult result = await token.Handler.ValidateTokenAsync(token.TokenText, token.Parameters);
        if (!result.IsValid)
        {
            return false;
        }

        ClaimsPrincipal user = new(result.ClaimsIdentity);
        return (await token.Authorization.AuthorizeAsync(user, token.Policy)).Succeeded;
    }

    [Benchmark(Description = "FastToken + AuthorizationPolicy")]
    [ArgumentsSource(nameof(Tokens))]
    public async Task<bool> FastTokenAuthorizationPolicy(TokenCase token)
    {
        ClaimsPrincipal user;
        using (JwtValidationResult result = token.BearerValidator.Validate(token.TokenBytes))
        {
            if (!result.IsValid)
            {
                return false;
            }

            user = TokenCase.ToPrincipal(result);
        }

        return (await token.Authorization.AuthorizeAsync(user, token.Policy)).Succeeded;
    }

    [Benchmark(Description = "FastToken runtime TokenPolicy")]
    [ArgumentsSource(nameof(Tokens))]
    public bool RuntimePolicy(TokenCase token)
    {
        using TokenPolicyResult result = token.RuntimePolicy.Validate(token.PolicyValidator, token.TokenBytes);
        return result.IsAuthorized;
    }

    [Benchmark(Description = "FastToken generated policy")]
    [ArgumentsSource(nameof(Tokens))]
    public bool GeneratedPolicy(TokenCase token)
    {
        if (token.Algorithm == JwtAlgorithm.ES256)
        {
            using TokenPolicyResult ecdsa = OrdersPolicyEcdsa.Validate(token.PolicyValidator, token.TokenBytes, out OrdersPolicyEcdsa claims);
            return ecdsa.IsAuthorized && !claims.Tenant.IsEmpty;
        }

        using TokenPolicyResult hmac = OrdersPolicy.Validate(token.PolicyValidator, token.TokenBytes, out OrdersPolicy captured);
        return hmac.IsAuthorized && !captured.Tenant.IsEmpty;
    }

    [Benchmark(Description = "Floor: signature only")]
    [ArgumentsSource(nameof(Tokens))]
    public bool SignatureFloor(TokenCase token)
    {
        if (token.Ecdsa is { } ecdsa)
        {
            return ecdsa.VerifyData(token.SigningInput, token.Signature, HashAlgorithmName.SHA256);
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(token.HmacKey, token.SigningInput, mac);
        return CryptographicOperations.FixedTimeEquals(mac, token.Signature);
    }
}
