using System.Security.Cryptography;
using System.Text;
using FastToken.Testing;
using FastToken.Tests.Support;

namespace FastToken.Tests.Validation;

/// <summary>
/// After warm-up, validation allocates nothing: valid tokens of normal size with their claims
/// read, and every rejection path. Counts are per thread and exact, never timed.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class AllocationTests
{
    private readonly JwtValidator _validator = TestTokens.Validator();

    [Theory]
    [InlineData(JwtAlgorithm.HS256)]
    [InlineData(JwtAlgorithm.HS512)]
    [InlineData(JwtAlgorithm.RS256)]
    [InlineData(JwtAlgorithm.PS256)]
    public void Valid_token_with_its_claims_read_allocates_nothing(JwtAlgorithm algorithm)
    {
        string token = TestTokens.Valid(algorithm);
        byte[] bytes = Encoding.ASCII.GetBytes(token);
        int checksum = 0;

        long fromChars = Allocations.Measure(() => checksum += ValidateAndRead(token));
        long fromBytes = Allocations.Measure(() => checksum += ValidateAndRead(bytes));

        Assert.Equal(0, fromChars);
        Assert.Equal(0, fromBytes);
        Assert.Equal(4 * Allocations.Calls * ExpectedChecksum(token), checksum);
    }

    [Fact]
    public void Escaped_claims_read_allocate_nothing()
    {
        string claims = TestTokens.Claims(subject: "\\u00e9l\\u00e8ve")
            .Replace("\"admin\"", "\"adm\\u0069n\"", StringComparison.Ordinal);
        string token = TestTokens.Valid(JwtAlgorithm.HS256, claims);
        int length = 0;

        long allocated = Allocations.Measure(() =>
        {
            using JwtValidationResult result = _validator.Validate(token);
            length += result.Subject.Length;
            result.TryGetStringArray("roles"u8, out JwtStringArray roles);
            foreach (ReadOnlySpan<byte> role in roles)
            {
                length += role.Length;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(2 * Allocations.Calls * ("élève"u8.Length + "admin".Length + "reader".Length), length);
    }

    [Fact]
    public void Hostile_but_valid_claims_allocate_nothing()
    {
        // Nesting at the depth limit, a NumericDate of hundreds of digits, escaped names and
        // audiences: the scan, the number parse and the unescaping all stay allocation-free.
        string deep = new string('[', 15) + new string(']', 15);
        string claims =
            $"{{\"iss\":\"{TestTokens.Issuer}\",\"a\\u0075d\":[\"x\",\"api:\\/\\/orders\"]," +
            $"\"exp\":1700003600.{new string('0', 600)}1,\"nbf\":1.6e9,\"d\":{deep}}}";
        string token = TestTokens.Valid(JwtAlgorithm.HS256, claims);
        int matched = 0;

        long allocated = Allocations.Measure(() =>
        {
            using JwtValidationResult result = _validator.Validate(token);
            matched += result.Audiences.Contains("api://orders"u8) ? 1 : 0;
        });

        Assert.Equal(0, allocated);
        Assert.Equal(2 * Allocations.Calls, matched);
    }

    [Theory]
    [MemberData(nameof(RejectionCatalog.Names), MemberType = typeof(RejectionCatalog))]
    public void Rejection_allocates_nothing(string name)
    {
        RejectionCase rejection = RejectionCatalog.Get(name);
        int refused = 0;

        JwtValidator validator = rejection.Validator;
        long fromChars = Allocations.Measure(() => refused += Refuse(validator, rejection.Token, rejection.Expected));
        long fromBytes = Allocations.Measure(() => refused += Refuse(validator, rejection.Bytes, rejection.Expected));

        Assert.Equal(0, fromChars);
        Assert.Equal(0, fromBytes);
        Assert.Equal(4 * Allocations.Calls, refused);
    }

    [Fact]
    public void Es256_allocates_no_more_than_the_platform_verification_it_wraps()
    {
        // ECDsa.VerifyData allocates on some platforms; FastToken may not add to that.
        string token = TestTokens.Valid(JwtAlgorithm.ES256);
        string forged = Forge(token);
        byte[] bytes = Encoding.ASCII.GetBytes(token);
        int lastDot = token.LastIndexOf('.');
        byte[] signingInput = Encoding.ASCII.GetBytes(token[..lastDot]);
        byte[] signature = TestTokens.Decode(token[(lastDot + 1)..]);
        ECParameters publicPart = new() { Curve = TestKeys.P256Parameters.Curve, Q = TestKeys.P256Parameters.Q };
        using ECDsa ecdsa = ECDsa.Create(publicPart);
        int verified = 0;

        long platform = Allocations.Measure(
            () => verified += ecdsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256) ? 1 : 0);
        long fromChars = Allocations.Measure(() => verified += ValidateAndRead(token) > 0 ? 1 : 0);
        long fromBytes = Allocations.Measure(() => verified += ValidateAndRead(bytes) > 0 ? 1 : 0);
        long refused = Allocations.Measure(() => verified += Refuse(_validator, forged, TokenStatus.SignatureInvalid));

        Assert.Equal(8 * Allocations.Calls, verified);
        Assert.True(fromChars <= platform, $"FastToken {fromChars} B, platform {platform} B");
        Assert.True(fromBytes <= platform, $"FastToken {fromBytes} B, platform {platform} B");
        Assert.True(refused <= platform, $"FastToken {refused} B, platform {platform} B");
    }

    private int ValidateAndRead(ReadOnlySpan<char> token)
    {
        using JwtValidationResult result = _validator.Validate(token);
        return Read(result);
    }

    private int ValidateAndRead(ReadOnlySpan<byte> token)
    {
        using JwtValidationResult result = _validator.Validate(token);
        return Read(result);
    }

    /// <summary>Reads what a service reads on every request, and sums lengths so none is optimized away.</summary>
    private static int Read(in JwtValidationResult result)
    {
        if (!result.IsValid)
        {
            return -1_000_000;
        }

        int sum = result.Issuer.Length + result.Subject.Length + result.JwtId.Length + result.KeyId.Length;
        sum += result.ExpiresAt!.Value.Second + result.NotBefore!.Value.Second + result.IssuedAt!.Value.Second;
        foreach (ReadOnlySpan<byte> audience in result.Audiences)
        {
            sum += audience.Length;
        }

        sum += result.TryGetString("scope"u8, out ReadOnlySpan<byte> scope) ? scope.Length : 0;
        if (result.TryGetStringArray("roles"u8, out JwtStringArray roles) && roles.Contains("admin"u8))
        {
            sum += roles.Count;
        }

        foreach (JwtClaim claim in result.EnumerateClaims())
        {
            sum += claim.Name.Length;
        }

        return sum;
    }

    private static int ExpectedChecksum(string token)
    {
        using JwtValidationResult result = TestTokens.Validator().Validate(token);
        return Read(result);
    }

    private static int Refuse(JwtValidator validator, ReadOnlySpan<char> token, TokenStatus expected)
    {
        using JwtValidationResult result = validator.Validate(token);
        return result.Status == expected ? 1 : 0;
    }

    private static int Refuse(JwtValidator validator, ReadOnlySpan<byte> token, TokenStatus expected)
    {
        using JwtValidationResult result = validator.Validate(token);
        return result.Status == expected ? 1 : 0;
    }

    private static string Forge(string token)
    {
        (string header, string payload, string signature) = TestTokens.Split(token);
        byte[] bytes = TestTokens.Decode(signature);
        bytes[0] ^= 0x01;
        return $"{header}.{payload}.{TestTokens.Encode(bytes)}";
    }
}
