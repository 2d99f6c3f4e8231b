using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using FastToken.Policies;
using FastToken.Tests.Support;

namespace FastToken.Tests.Validation;

/// <summary>Reading the header and claims of a valid token, and the lifetime of those views.</summary>
public sealed class ClaimAccessTests
{
    private const string Payload =
        "{\"iss\":\"https://issuer.example.com\",\"sub\":\"alice\",\"aud\":[\"api://orders\",\"api:\\/\\/billing\"]," +
        "\"exp\":1700003600,\"nbf\":1699999940,\"iat\":1699999940.25,\"jti\":\"id-1\"," +
        "\"name\":\"Zo\u00eb \\\"Z\\\" \\u00e9\",\"count\":42,\"big\":9223372036854775808,\"ratio\":0.5,\"neg\":-7," +
        "\"admin\":true,\"guest\":false,\"nothing\":null,\"roles\":[\"admin\",\"re\\u0061der\",\"\\ud83d\\ude00\"]," +
        "\"one_role\":\"solo\",\"mixed\":[\"a\",1],\"nested\":{\"a\":[1,{\"b\":2}]},\"empty\":[],\"deep\":[[\"x\"]]," +
        "\"\\u0063ity\":\"Paris\"}";

    private readonly JwtValidator _validator = TestTokens.Validator();
    private readonly string _token = TestTokens.Valid(JwtAlgorithm.HS256, Payload);

    [Fact]
    public void Registered_claims_and_header_read_back()
    {
        using JwtValidationResult result = _validator.Validate(_token);

        Assert.True(result.IsValid);
        Assert.Equal(JwtAlgorithm.HS256, result.Algorithm);
        Assert.Equal("hs256", Text(result.KeyId));
        Assert.Equal("at+jwt", Text(result.Type));
        Assert.Equal("https://issuer.example.com", Text(result.Issuer));
        Assert.Equal("alice", Text(result.Subject));
        Assert.Equal("id-1", Text(result.JwtId));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700003600), result.ExpiresAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1699999940), result.NotBefore);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1699999940250), result.IssuedAt);
        Assert.Equal(22, result.ClaimCount);
        Assert.Equal(TestTokens.Header(JwtAlgorithm.HS256, "hs256"), Text(result.HeaderJson));
        Assert.Equal(Payload, Text(result.PayloadJson));
    }

    [Fact]
    public void Audiences_are_unescaped_counted_and_searched()
    {
        using JwtValidationResult result = _validator.Validate(_token);
        JwtStringArray audiences = result.Audiences;

        Assert.Equal(2, audiences.Count);
        Assert.False(audiences.IsEmpty);
        Assert.True(audiences.Contains("api://billing"u8));
        Assert.True(audiences.Contains("api://orders"u8));
        Assert.False(audiences.Contains("api:\\/\\/billing"u8));
        Assert.False(audiences.Contains("api://"u8));
        Assert.Equal(["api://orders", "api://billing"], Strings(audiences));
    }

    [Fact]
    public void Single_string_audience_is_a_list_of_one()
    {
        string token = TestTokens.Valid(JwtAlgorithm.HS256, TestTokens.Claims().Replace(
            "[\"api://orders\",\"api://billing\"]", "\"api:\\/\\/orders\"", StringComparison.Ordinal));
        using JwtValidationResult result = _validator.Validate(token);

        Assert.Equal(TokenStatus.Valid, result.Status);
        Assert.Equal(1, result.Audiences.Count);
        Assert.Equal(["api://orders"], Strings(result.Audiences));
    }

    [Fact]
    public void Absent_registered_claims_read_as_empty_or_null()
    {
        JwtValidator lenient = TestTokens.Validator(o =>
        {
            o.ValidateIssuer = false;
            o.ValidateAudience = false;
            o.RequireExpirationTime = false;
        });
        string bare = TestTokens.Sign(JwtAlgorithm.HS256, "{\"alg\":\"HS256\"}", "{}");
        using JwtValidationResult result = lenient.Validate(bare);

        Assert.True(result.IsValid);
        Assert.True(result.Issuer.IsEmpty);
        Assert.True(result.Subject.IsEmpty);
        Assert.True(result.JwtId.IsEmpty);
        Assert.True(result.KeyId.IsEmpty);
        Assert.True(result.Type.IsEmpty);
        Assert.True(result.Audiences.IsEmpty);
        Assert.Equal(0, result.Audiences.Count);
        Assert.Null(result.ExpiresAt);
        Assert.Null(result.NotBefore);
        Assert.Null(result.IssuedAt);
        Assert.Equal(0, result.ClaimCount);
        Assert.False(result.TryGetClaim("iss"u8, out _));
    }

    [Fact]
    public void Strings_read_unescaped_and_only_from_strings()
    {
        using JwtValidationResult result = _validator.Validate(_token);

        Assert.True(result.TryGetString("name"u8, out ReadOnlySpan<byte> name));
        Assert.Equal("Zoë \"Z\" é", Text(name));
        Assert.True(result.TryGetString("city"u8, out ReadOnlySpan<byte> city));
        Assert.Equal("Paris", Text(city));
        Assert.False(result.TryGetString("count"u8, out _));
        Assert.False(result.TryGetString("roles"u8, out _));
        Assert.False(result.TryGetString("nothing"u8, out _));
        Assert.False(result.TryGetString("missing"u8, out _));
        Assert.False(result.TryGetString("Name"u8, out _));
    }

    [Fact]
    public void Integers_read_only_when_whole_and_in_range()
    {
        using JwtValidationResult result = _validator.Validate(_token);

        Assert.True(result.TryGetInt64("count"u8, out long count));
        Assert.Equal(42, count);
        Assert.True(result.TryGetInt64("neg"u8, out long negative));
        Assert.Equal(-7, negative);
        Assert.False(result.TryGetInt64("big"u8, out _));
        Assert.False(result.TryGetInt64("ratio"u8, out _));
        Assert.False(result.TryGetInt64("name"u8, out _));
        Assert.False(result.TryGetInt64("admin"u8, out _));
    }

    [Fact]
    public void Numbers_read_as_doubles()
    {
        using JwtValidationResult result = _validator.Validate(_token);

        Assert.True(result.TryGetDouble("ratio"u8, out double ratio));
        Assert.Equal(0.5, ratio);
        Assert.True(result.TryGetDouble("big"u8, out double big));
        Assert.Equal(9223372036854775808d, big);
        Assert.True(result.TryGetDouble("count"u8, out double count));
        Assert.Equal(42d, count);
        Assert.False(result.TryGetDouble("name"u8, out _));
        Assert.False(result.TryGetDouble("nothing"u8, out _));
    }

    [Fact]
    public void Booleans_read_only_from_true_and_false()
    {
        using JwtValidationResult result = _validator.Validate(_token);

        Assert.True(result.TryGetBoolean("admin"u8, out bool admin));
        Assert.True(admin);
        Assert.True(result.TryGetBoolean("guest"u8, out bool guest));
        Assert.False(guest);
        Assert.False(result.TryGetBoolean("nothing"u8, out _));
        Assert.False(result.TryGetBoolean("count"u8, out _));
        Assert.False(result.TryGetBoolean("name"u8, out _));
    }

    [Fact]
    public void String_arrays_read_unescaped_and_refuse_other_members()
    {
        using JwtValidationResult result = _validator.Validate(_token);

        Assert.True(result.TryGetStringArray("roles"u8, out JwtStringArray roles));
        Assert.Equal(["admin", "reader", "😀"], Strings(roles));
        Assert.Equal(3, roles.Count);
        Assert.True(roles.Contains("reader"u8));
        Assert.False(roles.Contains("re\\u0061der"u8));
        Assert.True(roles.Contains("😀"u8));

        Assert.True(result.TryGetStringArray("one_role"u8, out JwtStringArray single));
        Assert.Equal(["solo"], Strings(single));

        Assert.True(result.TryGetStringArray("empty"u8, out JwtStringArray empty));
        Assert.True(empty.IsEmpty);
        Assert.Equal(0, empty.Count);

        Assert.False(result.TryGetStringArray("mixed"u8, out _));
        Assert.False(result.TryGetStringArray("deep"u8, out _));
        Assert.False(result.TryGetStringArray("nested"u8, out _));
        Assert.False(result.TryGetStringArray("count"u8, out _));
        Assert.False(result.TryGetStringArray("missing"u8, out _));
    }

    [Fact]
    public void Numeric_dates_read_and_clamp()
    {
        using JwtValidationResult result = _validator.Validate(_token);

        Assert.True(result.TryGetNumericDate("exp"u8, out DateTimeOffset exp));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700003600), exp);
        Assert.True(result.TryGetNumericDate("big"u8, out DateTimeOffset far));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(253402300799), far);
        Assert.False(result.TryGetNumericDate("name"u8, out _));
    }

    [Fact]
    public void Claims_enumerate_in_document_order_with_kinds_and_raw_values()
    {
        using JwtValidationResult result = _validator.Validate(_token);
        using JsonDocument document = JsonDocument.Parse(Payload);
        List<(string Name, JsonValueKind Kind, string Raw)> expected =
            [.. document.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.ValueKind, p.Value.GetRawText()))];

        List<(string Name, JsonValueKind Kind, string Raw)> actual = [];
        foreach (JwtClaim claim in result.EnumerateClaims())
        {
            actual.Add((Text(claim.Name), claim.ValueKind, Text(claim.RawValue)));
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Claim_reads_its_own_value()
    {
        using JwtValidationResult result = _validator.Validate(_token);

        Assert.True(result.TryGetClaim("name"u8, out JwtClaim name));
        Assert.Equal("Zoë \"Z\" é", name.GetString());
        Assert.Equal("\"Zoë \\\"Z\\\" \\u00e9\"", Text(name.RawValue));
        Assert.True(result.TryGetClaim("nested"u8, out JwtClaim nested));
        Assert.Equal(JsonValueKind.Object, nested.ValueKind);
        Assert.Null(nested.GetString());
        Assert.Equal("{\"a\":[1,{\"b\":2}]}", Text(nested.RawValue));
        Assert.True(result.TryGetClaim("nothing"u8, out JwtClaim nothing));
        Assert.Equal(JsonValueKind.Null, nothing.ValueKind);
        Assert.Equal("null", Text(nothing.RawValue));
    }

    [Fact]
    public void Views_stay_intact_while_other_tokens_are_validated()
    {
        using JwtValidationResult first = _validator.Validate(_token);
        ReadOnlySpan<byte> subject = first.Subject;

        for (int i = 0; i < 10; i++)
        {
            using JwtValidationResult other = _validator.Validate(TestTokens.ValidFor($"user-{i}"));
            Assert.Equal($"user-{i}", Text(other.Subject));
        }

        Assert.Equal("alice", Text(subject));
        Assert.Equal("alice", Text(first.Subject));
    }

    [Fact]
    public void Reading_after_dispose_throws_object_disposed()
    {
        JwtValidationResult result = _validator.Validate(_token);
        JwtValidationResult copy = result;
        result.Dispose();

        Assert.Equal(TokenStatus.Valid, result.Status);
        Assert.Throws<ObjectDisposedException>(() => result.Issuer.Length);
        Assert.Throws<ObjectDisposedException>(() => copy.Subject.Length);
        Assert.Throws<ObjectDisposedException>(() => copy.ExpiresAt);
        Assert.Throws<ObjectDisposedException>(() => copy.TryGetClaim("sub"u8, out _));
        Assert.Throws<ObjectDisposedException>(() => copy.EnumerateClaims());
        Assert.Throws<ObjectDisposedException>(() => copy.Audiences.Count);
        Assert.Throws<ObjectDisposedException>(() => copy.PayloadJson.Length);

        // Disposing twice, or disposing a copy, changes nothing.
        copy.Dispose();
        result.Dispose();
    }

    [Fact]
    public void Views_taken_before_dispose_refuse_to_read_the_next_token()
    {
        JwtValidationResult first = _validator.Validate(_token);
        Assert.True(first.TryGetClaim("sub"u8, out JwtClaim claim));
        JwtClaimEnumerator claims = first.EnumerateClaims();
        JwtStringArray audiences = first.Audiences;
        first.Dispose();

        // The next validation on this thread reuses the buffer those views point into.
        using JwtValidationResult next = _validator.Validate(TestTokens.ValidFor("mallory"));

        // Ref structs cannot be captured by Assert.Throws, hence the explicit catches.
        int refused = 0;
        try
        {
            claim.TryGetString(out _);
        }
        catch (ObjectDisposedException)
        {
            refused++;
        }

        try
        {
            claims.MoveNext();
        }
        catch (ObjectDisposedException)
        {
            refused++;
        }

        try
        {
            audiences.Contains("x"u8);
        }
        catch (ObjectDisposedException)
        {
            refused++;
        }

        Assert.Equal(3, refused);
    }

    [Fact]
    public void Stale_result_does_not_show_the_next_token_using_its_buffer()
    {
        JwtValidationResult stale = _validator.Validate(_token);
        stale.Dispose();

        // The next validation on this thread reuses the pooled buffer the stale result held.
        using JwtValidationResult next = _validator.Validate(TestTokens.ValidFor("mallory"));
        stale.Dispose();

        Assert.Equal("mallory", Text(next.Subject));
        Assert.Throws<ObjectDisposedException>(() => stale.Subject.Length);
    }

    [Fact]
    public void Invalid_result_has_no_claims_to_read()
    {
        using JwtValidationResult result = _validator.Validate(_token[..^2] + "AA");

        Assert.Equal(TokenStatus.SignatureInvalid, result.Status);
        Assert.False(result.IsValid);
        Assert.Throws<InvalidOperationException>(() => result.Issuer.Length);
        Assert.Throws<InvalidOperationException>(() => result.ClaimCount);
        Assert.Throws<InvalidOperationException>(() => result.Algorithm);
        Assert.Throws<InvalidOperationException>(() => result.TryGetString("sub"u8, out _));
        Assert.Throws<InvalidOperationException>(() => result.EnumerateClaims());
    }

    [Fact]
    public void Default_result_is_not_valid()
    {
        // A result that was never assigned must fail closed.
        JwtValidationResult none = default;

        Assert.False(none.IsValid);
        Assert.NotEqual(TokenStatus.Valid, none.Status);
        Assert.Throws<InvalidOperationException>(() => none.Subject.Length);
        none.Dispose();
    }

    [Fact]
    public void Visitor_sees_every_claim_once_in_order_after_the_signature_verified()
    {
        using JsonDocument document = JsonDocument.Parse(Payload);
        RecordingVisitor visitor = new() { Seen = [] };

        using (JwtValidationResult result = _validator.Validate(Encoding.ASCII.GetBytes(_token), ref visitor))
        {
            Assert.True(result.IsValid);
            foreach ((string name, int offset, string raw) in visitor.Seen)
            {
                Assert.True(result.TryGetClaim(Encoding.UTF8.GetBytes(name), out JwtClaim claim));
                Assert.Equal(raw, Text(claim.RawValue));
                Assert.StartsWith(raw, Text(result.PayloadJson.Slice(offset)), StringComparison.Ordinal);
            }
        }

        Assert.Equal([.. document.RootElement.EnumerateObject().Select(p => p.Name)], visitor.Seen.Select(s => s.Name));

        RecordingVisitor unsigned = new() { Seen = [] };
        byte[] forgedToken = Encoding.ASCII.GetBytes(_token[..^2] + "AA");
        using JwtValidationResult forged = _validator.Validate(forgedToken, ref unsigned);
        Assert.Equal(TokenStatus.SignatureInvalid, forged.Status);
        Assert.Empty(unsigned.Seen);
    }

    [Fact]
    public void Visitor_that_chooses_its_claims_sees_only_those_while_every_claim_is_still_checked()
    {
        SelectingVisitor visitor = new() { Seen = [] };

        using (JwtValidationResult result = _validator.Validate(Encoding.ASCII.GetBytes(_token), ref visitor))
        {
            Assert.True(result.IsValid);
            Assert.Equal(22, result.ClaimCount);
        }

        // In document order, the escaped name unescaped before it is judged.
        Assert.Equal(["sub", "roles", "city"], visitor.Seen);

        // A claim it does not want is still refused when it is bad.
        SelectingVisitor duplicate = new() { Seen = [] };
        string twice = TestTokens.Valid(JwtAlgorithm.HS256, Payload[..^1] + ",\"nothing\":1}");
        using JwtValidationResult refused = _validator.Validate(Encoding.ASCII.GetBytes(twice), ref duplicate);
        Assert.Equal(TokenStatus.DuplicateMember, refused.Status);
    }

    [Fact]
    public void Captured_value_offsets_read_back_strings_and_arrays()
    {
        OffsetVisitor visitor = default;
        using JwtValidationResult result = _validator.Validate(Encoding.ASCII.GetBytes(_token), ref visitor);

        Assert.True(result.IsValid);
        Assert.Equal("Zo\u00eb \"Z\" \u00e9", Text(ClaimValues.GetStringAt(result, visitor.Name)));
        Assert.Equal("Paris", Text(ClaimValues.GetStringAt(result, visitor.City)));
        Assert.Equal(["admin", "reader", "\ud83d\ude00"], Strings(ClaimValues.GetStringArrayAt(result, visitor.Roles)));
        Assert.Equal(["solo"], Strings(ClaimValues.GetStringArrayAt(result, visitor.OneRole)));

        // Absent (0), not a string, not where any value starts, past the end: empty.
        Assert.True(ClaimValues.GetStringAt(result, 0).IsEmpty);
        Assert.True(ClaimValues.GetStringAt(result, visitor.Roles).IsEmpty);
        Assert.True(ClaimValues.GetStringAt(result, visitor.City + 1).IsEmpty);
        Assert.True(ClaimValues.GetStringAt(result, int.MaxValue).IsEmpty);
        Assert.True(ClaimValues.GetStringArrayAt(result, visitor.Name - 1).IsEmpty);
        Assert.True(ClaimValues.GetStringArrayAt(result, -5).IsEmpty);
    }

    [Fact]
    public void Value_offsets_read_back_across_white_space()
    {
        const string spaced = "{ \"iss\" : \"https://issuer.example.com\" ,\n\t\"aud\":\r\n \"api://orders\", " +
            "\"exp\" : 1700003600 , \"city\" :  \"P\\u0061ris\"\t, \"roles\": [ \"a\" , \"b\" ] , \"n\" : 7 }";
        OffsetVisitor visitor = default;

        using JwtValidationResult result = _validator.Validate(
            Encoding.ASCII.GetBytes(TestTokens.Valid(JwtAlgorithm.HS256, spaced)), ref visitor);

        Assert.True(result.IsValid, result.Status.ToString());
        Assert.Equal("Paris", Text(ClaimValues.GetStringAt(result, visitor.City)));
        Assert.Equal(["a", "b"], Strings(ClaimValues.GetStringArrayAt(result, visitor.Roles)));
        Assert.Equal((byte)'"', result.PayloadJson[visitor.City - 1]);
        Assert.Equal((byte)'[', result.PayloadJson[visitor.Roles - 1]);
    }

    [Fact]
    public void Escaped_strings_read_out_of_order_are_unescaped_once_and_found_again()
    {
        StringBuilder json = new("{\"iss\":\"https://issuer.example.com\",\"aud\":\"api://orders\",\"exp\":1700003600");
        for (int i = 0; i < 200; i++)
        {
            json.Append(CultureInfo.InvariantCulture, $",\"c\\u0031{i}\":\"v\\u00e9{i}\"");
        }

        using JwtValidationResult result = _validator.Validate(TestTokens.Valid(JwtAlgorithm.HS256, json + "}"));
        Assert.True(result.IsValid, result.Status.ToString());

        // Backwards first, so that every value is inserted before the ones already unescaped;
        // a value read again is found where it was copied, not copied again.
        for (int i = 199; i >= 0; i--)
        {
            byte[] name = Encoding.UTF8.GetBytes($"c1{i}");
            Assert.True(result.TryGetString(name, out ReadOnlySpan<byte> value));
            Assert.True(result.TryGetString(name, out ReadOnlySpan<byte> again));
            Assert.Equal($"v\u00e9{i}", Text(value));
            Assert.True(Unsafe.AreSame(ref MemoryMarshal.GetReference(value), ref MemoryMarshal.GetReference(again)));
        }

        for (int i = 0; i < 200; i++)
        {
            Assert.True(result.TryGetString(Encoding.UTF8.GetBytes($"c1{i}"), out ReadOnlySpan<byte> value));
            Assert.Equal($"v\u00e9{i}", Text(value));
        }
    }

    [Fact]
    public void Captures_by_claim_position_still_read_back()
    {
        // The way policies compiled by earlier generators capture: a running count of claims.
        PositionVisitor visitor = default;

        using JwtValidationResult result = _validator.Validate(Encoding.ASCII.GetBytes(_token), ref visitor);

        Assert.True(result.IsValid);
        Assert.Equal(22, visitor.Position);
        Assert.Equal("Paris", Text(ClaimValues.GetString(result, visitor.City)));
        Assert.Equal(["admin", "reader", "\ud83d\ude00"], Strings(ClaimValues.GetStringArray(result, visitor.Roles)));
        Assert.True(ClaimValues.GetString(result, 0).IsEmpty);
        Assert.True(ClaimValues.GetString(result, visitor.Roles).IsEmpty);
    }

    private static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);

    private static List<string> Strings(JwtStringArray values)
    {
        List<string> strings = [];
        foreach (ReadOnlySpan<byte> value in values)
        {
            strings.Add(Text(value));
        }

        return strings;
    }

    private struct RecordingVisitor : IJwtClaimVisitor
    {
        public List<(string Name, int Offset, string Raw)> Seen;

        public readonly void VisitClaim(ReadOnlySpan<byte> name, ref Utf8JsonReader value, int valueOffset)
        {
            // The visitor reads through its copy of the reader; the validator must not notice.
            using JsonDocument raw = JsonDocument.ParseValue(ref value);
            Seen.Add((Encoding.UTF8.GetString(name), valueOffset, raw.RootElement.GetRawText()));
        }
    }

    /// <summary>Wants three claims, one of them named with an escape in the token.</summary>
    private struct SelectingVisitor : IJwtClaimVisitor
    {
        public List<string> Seen;

        public static bool WantsClaim(ReadOnlySpan<byte> name) =>
            name.SequenceEqual("sub"u8) || name.SequenceEqual("roles"u8) || name.SequenceEqual("city"u8);

        public readonly void VisitClaim(ReadOnlySpan<byte> name, ref Utf8JsonReader value, int valueOffset) =>
            Seen.Add(Encoding.UTF8.GetString(name));
    }

    /// <summary>Keeps where values start, one more than the offset, as generated policies do.</summary>
    private struct OffsetVisitor : IJwtClaimVisitor
    {
        public int Name;
        public int City;
        public int Roles;
        public int OneRole;

        public static bool WantsClaim(ReadOnlySpan<byte> name) => name.Length > 3;

        public void VisitClaim(ReadOnlySpan<byte> name, ref Utf8JsonReader value, int valueOffset)
        {
            if (name.SequenceEqual("name"u8))
            {
                Name = valueOffset + 1;
            }
            else if (name.SequenceEqual("city"u8))
            {
                City = valueOffset + 1;
            }
            else if (name.SequenceEqual("roles"u8))
            {
                Roles = valueOffset + 1;
            }
            else if (name.SequenceEqual("one_role"u8))
            {
                OneRole = valueOffset + 1;
            }
        }
    }

    /// <summary>Counts every claim, as generated visitors did before they named their claims.</summary>
    private struct PositionVisitor : IJwtClaimVisitor
    {
        public int Position;
        public int City;
        public int Roles;

        public void VisitClaim(ReadOnlySpan<byte> name, ref Utf8JsonReader value, int valueOffset)
        {
            Position++;
            if (name.SequenceEqual("city"u8))
            {
                City = Position;
            }
            else if (name.SequenceEqual("roles"u8))
            {
                Roles = Position;
            }
        }
    }
}
