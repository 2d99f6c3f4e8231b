using System.Text;
using FastToken.Generators.Tests.Policies;
using FastToken.Generators.Tests.Support;
using FastToken.Policies;
using FastToken.Testing;

namespace FastToken.Generators.Tests;

/// <summary>
/// Validating under a policy and reading its captures allocates nothing after warm-up. The tokens
/// are HMAC-signed: the platform's ECDSA verification on Linux allocates on its own (about 1.2 KB
/// per call, converting the signature to DER), which is no part of what a policy costs.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class AllocationTests
{
    private const int Calls = 1000;

    [Fact]
    public void Generated_policy_with_captures_allocates_nothing()
    {
        JwtValidator validator = TestTokens.LenientValidator();
        byte[] token = Encoding.ASCII.GetBytes(TestTokens.Sign(JwtAlgorithm.HS256, $$"""
            {"iss":"https://login.example.com","aud":"accounts","sub":"svc-9","scope":"accounts.r\u0065ad",
             "app_roles":["writer","reader"],"level":2,"groups":["a","b"],"seat":4,"beta":false,
             "auth_time":{{TestTokens.Now - 100}},"iat":{{TestTokens.Now - 100}},"exp":{{TestTokens.Now + 100}}}
            """));
        long checksum = 0;

        long Run(int calls)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++)
            {
                using TokenPolicyResult result = AccountRead.Validate(validator, token, out AccountRead claims);
                checksum += result.IsAuthorized ? 1 : 0;
                checksum += claims.Subject.Length + claims.Seat + (claims.Beta == false ? 1 : 0);
                foreach (ReadOnlySpan<byte> group in claims.Groups)
                {
                    checksum += group.Length;
                }

                checksum += claims.AuthTime.Second;
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        using (TokenPolicyResult first = AccountRead.Validate(validator, token, out AccountRead captured))
        {
            Assert.True(first.IsAuthorized, first.Failure.ToString());
            Assert.Equal("svc-9"u8, captured.Subject);
            Assert.Equal(4, captured.Seat);
            Assert.False(captured.Beta);
        }

        Run(50);
        long allocated = Run(Calls);

        Assert.Equal(0, allocated);
        Assert.True(checksum > Calls);
    }

    [Fact]
    public void Forbidden_outcome_and_runtime_policy_allocate_nothing()
    {
        JwtValidator validator = TestTokens.LenientValidator();
        byte[] forbidden = Encoding.ASCII.GetBytes(TestTokens.Sign(JwtAlgorithm.HS512, $$"""
            {"iss":"https://login.example.com","aud":"accounts","scope":"accounts.read","app_roles":"reader",
             "level":4,"iat":{{TestTokens.Now}}}
            """));
        byte[] allowed = Encoding.ASCII.GetBytes(TestTokens.Sign(JwtAlgorithm.HS256, $$"""
            {"iss":"https://login.example.com","scope":"orders.read orders.write","roles":["manager"],
             "level":3,"iat":{{TestTokens.Now}}}
            """));
        TokenPolicy runtime = new TokenPolicyBuilder()
            .RequireIssuer("https://login.example.com")
            .RequireScopes("orders.read", "orders.write")
            .RequireRoles(["clerk", "manager"], RequirementMatch.Any)
            .RequireClaim("level", 2, 3)
            .MaxTokenAge(TimeSpan.FromHours(1))
            .Build();
        int refused = 0;

        long Run(int calls)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++)
            {
                using TokenPolicyResult generated = AccountRead.Validate(validator, forbidden);
                using TokenPolicyResult built = runtime.Validate(validator, allowed);
                refused += generated.IsForbidden && built.IsAuthorized ? 1 : 0;
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Run(50);
        long allocated = Run(Calls);

        Assert.Equal(0, allocated);
        Assert.Equal(50 + Calls, refused);
    }
}
