using System.Text;
using System.Text.Json;
using FastToken.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FastToken.Tests.Properties;

/// <summary>Properties over generated tokens: what is minted validates, what is altered never does.</summary>
public sealed class TokenProperties
{
    private const string Registered =
        "\"iss\":\"https://issuer.example.com\",\"aud\":\"api://orders\",\"exp\":1700003600";

    private static readonly JwtValidator s_validator = TestTokens.Validator();

    private static readonly JwtValidator s_lenient = TestTokens.Validator(o =>
    {
        o.ValidateIssuer = false;
        o.ValidateAudience = false;
        o.RequireExpirationTime = false;
    });

    [Property(MaxTest = 250)]
    public Property Minted_token_validates_and_round_trips_its_claims() =>
        Prop.ForAll(JsonGenerators.Claims.ToArbitrary(), claims =>
        {
            string token = TestTokens.Valid(JwtAlgorithm.HS256, claims.ToPayload(Registered));
            using JwtValidationResult result = s_validator.Validate(token);

            Assert.Equal(TokenStatus.Valid, result.Status);
            Assert.Equal(claims.Claims.Length + 3, result.ClaimCount);
            foreach ((string name, ClaimValue value) in claims.Claims)
            {
                Assert.True(result.TryGetClaim(Encoding.UTF8.GetBytes(name), out JwtClaim claim), name);
                Assert.Equal(claims.RawText(value), Encoding.UTF8.GetString(claim.RawValue));
                AssertReadsBack(value, claim);
            }
        });

    [Property(MaxTest = 200)]
    public Property Any_single_byte_change_of_an_hs256_token_is_refused() =>
        Prop.ForAll(ChangedEverywhere(JwtAlgorithm.HS256).ToArbitrary(), AssertEveryChangeRefused);

    [Property(MaxTest = 10)]
    public Property Any_single_byte_change_of_an_rs256_token_is_refused() =>
        Prop.ForAll(ChangedEverywhere(JwtAlgorithm.RS256).ToArbitrary(), AssertEveryChangeRefused);

    [Property(MaxTest = 10)]
    public Property Any_single_byte_change_of_an_es256_token_is_refused() =>
        Prop.ForAll(ChangedEverywhere(JwtAlgorithm.ES256).ToArbitrary(), AssertEveryChangeRefused);

    [Property(MaxTest = 100)]
    public Property Any_truncation_is_refused() =>
        Prop.ForAll(JsonGenerators.Claims.Resize(6).ToArbitrary(), claims =>
        {
            string token = TestTokens.Valid(JwtAlgorithm.HS256, claims.ToPayload(Registered));
            for (int length = 0; length < token.Length; length++)
            {
                AssertRefused(token.AsSpan(0, length), $"prefix of {length}");
                AssertRefused(token.AsSpan(token.Length - length), $"suffix of {length}");
            }
        });

    [Property(MaxTest = 300)]
    public bool Random_bytes_never_throw_and_are_refused(byte[] bytes)
    {
        using JwtValidationResult result = s_lenient.Validate(bytes);
        return Enum.IsDefined(result.Status) && !result.IsValid;
    }

    [Property(MaxTest = 300)]
    public bool Random_strings_never_throw_and_are_refused(string? text)
    {
        using JwtValidationResult result = s_lenient.Validate((text ?? "").AsSpan());
        return Enum.IsDefined(result.Status) && !result.IsValid;
    }

    [Property(MaxTest = 300)]
    public Property Random_segments_never_throw_and_are_refused() =>
        Prop.ForAll(
            ArbMap.Default.GeneratorFor<byte[]>().ArrayOf()
                .Select(parts => string.Join('.', parts.Select(TestTokens.Encode)))
                .ToArbitrary(),
            token =>
            {
                using JwtValidationResult result = s_lenient.Validate(token);
                return Enum.IsDefined(result.Status) && !result.IsValid;
            });

    [Property(MaxTest = 300)]
    public Property Signed_random_json_never_throws_and_gets_a_defined_status() =>
        Prop.ForAll(SignedJson.ToArbitrary(), token =>
        {
            foreach (JwtValidator validator in new[] { s_validator, s_lenient })
            {
                using JwtValidationResult result = validator.Validate(token);
                Assert.True(Enum.IsDefined(result.Status), result.Status.ToString());
                if (result.IsValid)
                {
                    ReadEverything(result);
                }
            }
        });

    /// <summary>Headers that mostly name HS256 (so the payload is reached), payloads of any shape.</summary>
    private static Gen<string> SignedJson { get; } =
        from header in Gen.Frequency(
            (4, JsonGenerators.ObjectText("\"alg\":\"HS256\"")),
            (1, JsonGenerators.ObjectText(null)),
            (1, JsonGenerators.Text))
        from payload in Gen.Frequency(
            (4, JsonGenerators.ObjectText(null)),
            (1, JsonGenerators.Text))
        select TestTokens.Sign(JwtAlgorithm.HS256, header, payload);

    /// <summary>A minted token and, for each of its positions, a byte that differs from the one there.</summary>
    private static Gen<(string Token, byte[] Deltas)> ChangedEverywhere(JwtAlgorithm algorithm) =>
        from claims in JsonGenerators.Claims.Resize(6)
        let token = TestTokens.Valid(algorithm, claims.ToPayload(Registered))
        from deltas in Gen.Choose(1, 255).Select(d => (byte)d).ArrayOf(token.Length)
        select (token, deltas);

    private static void AssertEveryChangeRefused((string Token, byte[] Deltas) input)
    {
        byte[] original = Encoding.ASCII.GetBytes(input.Token);
        Assert.Equal(TokenStatus.Valid, s_validator.Validate(original).Status);
        for (int i = 0; i < original.Length; i++)
        {
            byte[] changed = (byte[])original.Clone();
            changed[i] = unchecked((byte)(changed[i] + input.Deltas[i]));
            AssertRefused(changed, $"byte {i} as 0x{changed[i]:X2}");

            char[] chars = input.Token.ToCharArray();
            chars[i] = (char)(chars[i] + (input.Deltas[i] * 3));
            AssertRefused(chars, $"char {i} as U+{(int)chars[i]:X4}");
        }
    }

    private static void AssertRefused(ReadOnlySpan<byte> token, string what)
    {
        using JwtValidationResult result = s_validator.Validate(token);
        Assert.True(!result.IsValid && Enum.IsDefined(result.Status), $"{what}: {result.Status}");
    }

    private static void AssertRefused(ReadOnlySpan<char> token, string what)
    {
        using JwtValidationResult result = s_validator.Validate(token);
        Assert.True(!result.IsValid && Enum.IsDefined(result.Status), $"{what}: {result.Status}");
    }

    private static void AssertReadsBack(ClaimValue value, JwtClaim claim)
    {
        switch (value)
        {
            case ClaimValue.Text text:
                Assert.True(claim.TryGetString(out ReadOnlySpan<byte> read));
                Assert.Equal(text.Value, Encoding.UTF8.GetString(read));
                Assert.True(claim.TryGetStringArray(out JwtStringArray single));
                Assert.Equal(1, single.Count);
                break;
            case ClaimValue.Number number:
                Assert.True(claim.TryGetDouble(out double d));
                Assert.Equal(number.Value, d);
                Assert.Equal(JsonValueKind.Number, claim.ValueKind);
                break;
            case ClaimValue.Boolean boolean:
                Assert.True(claim.TryGetBoolean(out bool b));
                Assert.Equal(boolean.Value, b);
                break;
            case ClaimValue.Null:
                Assert.Equal(JsonValueKind.Null, claim.ValueKind);
                Assert.False(claim.TryGetString(out _));
                break;
            case ClaimValue.Array array when array.Items.All(i => i is ClaimValue.Text):
                Assert.True(claim.TryGetStringArray(out JwtStringArray strings));
                List<string> items = [];
                foreach (ReadOnlySpan<byte> item in strings)
                {
                    items.Add(Encoding.UTF8.GetString(item));
                }

                Assert.Equal(array.Items.Cast<ClaimValue.Text>().Select(t => t.Value), items);
                break;
            case ClaimValue.Array:
                Assert.False(claim.TryGetStringArray(out _));
                Assert.Equal(JsonValueKind.Array, claim.ValueKind);
                break;
            default:
                Assert.Equal(JsonValueKind.Object, claim.ValueKind);
                break;
        }
    }

    /// <summary>Reads every view a valid result offers; none may throw.</summary>
    private static void ReadEverything(in JwtValidationResult result)
    {
        _ = result.Issuer.Length + result.Subject.Length + result.JwtId.Length;
        _ = result.KeyId.Length + result.Type.Length;
        _ = (result.ExpiresAt, result.NotBefore, result.IssuedAt, result.Audiences.Count);
        foreach (JwtClaim claim in result.EnumerateClaims())
        {
            _ = claim.GetString();
            _ = claim.TryGetInt64(out _) | claim.TryGetDouble(out _) | claim.TryGetBoolean(out _);
            if (claim.TryGetStringArray(out JwtStringArray values))
            {
                _ = values.Count + (values.Contains("x"u8) ? 1 : 0);
            }
        }
    }
}
