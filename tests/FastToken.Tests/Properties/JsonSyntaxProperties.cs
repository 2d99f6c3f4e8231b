using System.Text;
using System.Text.Json;
using FastToken.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FastToken.Tests.Properties;

/// <summary>
/// The validator's own JSON checks against System.Text.Json as the oracle: what the check
/// passes, the reader reads (and unescapes) without throwing, and what the reader reads in
/// full, the check passes.
/// </summary>
public sealed class JsonSyntaxProperties
{
    private static readonly int s_depth = new JwtValidationOptions().MaxJsonDepth;

    private static readonly JwtValidator s_lenient = TestTokens.Validator(o =>
    {
        o.ValidateIssuer = false;
        o.ValidateAudience = false;
        o.RequireExpirationTime = false;
    });

    private static readonly TokenStatus[] s_syntaxRefusals =
    [
        TokenStatus.Malformed, TokenStatus.TooLarge, TokenStatus.NotJwt, TokenStatus.DuplicateMember,
        TokenStatus.ClaimInvalid,
    ];

    private static readonly TokenStatus[] s_lifetimeOutcomes =
        [TokenStatus.Valid, TokenStatus.Expired, TokenStatus.NotYetValid];

    /// <summary>Payloads: mostly objects, some with registered claim names, some mutated, some not objects.</summary>
    private static Gen<string> Payloads { get; } = Gen.Frequency(
        (4, JsonGenerators.ObjectText(null)),
        (2, JsonGenerators.ObjectText("\"aud\":[\"a\",\"b\"]")),
        (1, JsonGenerators.Text));

    [Property(MaxTest = 300)]
    public Property Check_agrees_with_the_reader() =>
        Prop.ForAll(JsonGenerators.Text.ToArbitrary(), Gen.Choose(1, 8).ToArbitrary(), (text, depth) =>
        {
            byte[] json = Encoding.UTF8.GetBytes(text);
            JsonSyntaxStatus verdict = JsonSyntax.Check(json, depth);
            bool readable = JsonReaderOracle.ReadsInFull(json, depth);
            bool readableDeeper = JsonReaderOracle.ReadsInFull(json, 64);

            // Passing the check must mean the reader can never throw on this text.
            if (verdict == JsonSyntaxStatus.WellFormed)
            {
                Assert.True(readable, "checked well-formed, but the reader throws");
            }

            // And the check refuses no text the reader reads, except for too deep nesting.
            if (readable)
            {
                Assert.Equal(JsonSyntaxStatus.WellFormed, verdict);
            }
            else if (readableDeeper)
            {
                Assert.Equal(JsonSyntaxStatus.TooDeep, verdict);
            }
            else
            {
                Assert.NotEqual(JsonSyntaxStatus.WellFormed, verdict);
            }
        });

    /// <summary>
    /// The validator's single pass over a signed payload against a reader-based oracle: the
    /// same syntax verdict, the same first duplicate or badly typed registered claim, and the
    /// same outcome when a visitor reads every claim.
    /// </summary>
    [Property(MaxTest = 400)]
    public Property Claims_pass_agrees_with_the_reader() =>
        Prop.ForAll(Payloads.ToArbitrary(), text =>
        {
            byte[] payload = Encoding.UTF8.GetBytes(text);
            string token = TestTokens.Sign(JwtAlgorithm.HS256, "{\"alg\":\"HS256\"}", text);
            TokenStatus? expected = OracleClaimsVerdict(payload, s_depth, out int members);

            using JwtValidationResult plain = s_lenient.Validate(token);
            ReadingVisitor visitor = default;
            using JwtValidationResult visited = s_lenient.Validate(token.AsSpan(), ref visitor);

            Assert.Equal(plain.Status, visited.Status);
            switch (expected)
            {
                case null:
                    Assert.Contains(plain.Status, s_syntaxRefusals);
                    break;
                case TokenStatus.Valid:
                    // Well-formed, distinct, well-typed: only the lifetime can still refuse it,
                    // and it is judged after the pass, so the visitor has seen every claim.
                    Assert.Contains(plain.Status, s_lifetimeOutcomes);
                    Assert.Equal(members, visitor.Visited);
                    if (plain.Status == TokenStatus.Valid)
                    {
                        Assert.Equal(members, plain.ClaimCount);
                    }

                    break;
                default:
                    Assert.Equal(expected, plain.Status);
                    break;
            }
        });

    [Theory]
    [InlineData("{}", nameof(JsonSyntaxStatus.WellFormed))]
    [InlineData(" [1, -0.5e+3, true, \"a\\u00e9\\ud83d\\ude00\", {\"k\": []}] ", nameof(JsonSyntaxStatus.WellFormed))]
    [InlineData("\"\\uD800\"", nameof(JsonSyntaxStatus.Malformed))]
    [InlineData("\"\\uDC00\\uD800\"", nameof(JsonSyntaxStatus.Malformed))]
    [InlineData("\uFEFF{}", nameof(JsonSyntaxStatus.Malformed))]
    [InlineData("[[[[]]]]", nameof(JsonSyntaxStatus.TooDeep))]
    [InlineData("[[[]]]", nameof(JsonSyntaxStatus.WellFormed))]
    [InlineData("{\"a\":1,}", nameof(JsonSyntaxStatus.Malformed))]
    [InlineData("[1,]", nameof(JsonSyntaxStatus.Malformed))]
    [InlineData("{\"a\" 1}", nameof(JsonSyntaxStatus.Malformed))]
    [InlineData("{} {}", nameof(JsonSyntaxStatus.Malformed))]
    [InlineData("01", nameof(JsonSyntaxStatus.Malformed))]
    [InlineData("-", nameof(JsonSyntaxStatus.Malformed))]
    [InlineData("1.e5", nameof(JsonSyntaxStatus.Malformed))]
    [InlineData("truex", nameof(JsonSyntaxStatus.Malformed))]
    [InlineData("", nameof(JsonSyntaxStatus.Malformed))]
    [InlineData("\"\t\"", nameof(JsonSyntaxStatus.Malformed))]
    public void Check_judges_known_texts(string text, string expected)
    {
        Assert.Equal(Enum.Parse<JsonSyntaxStatus>(expected), JsonSyntax.Check(Encoding.UTF8.GetBytes(text), 3));
    }

    /// <summary>
    /// What the claims pass must conclude, judged with <see cref="Utf8JsonReader"/>: null when
    /// the reader cannot read the text in full, else the first claim-level refusal, else valid;
    /// <paramref name="members"/> counts the members read.
    /// </summary>
    private static TokenStatus? OracleClaimsVerdict(byte[] payload, int maxDepth, out int members)
    {
        members = 0;
        if (!JsonReaderOracle.ReadsInFull(payload, maxDepth))
        {
            return null;
        }

        Utf8JsonReader reader = new(payload, new JsonReaderOptions { MaxDepth = maxDepth });
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return TokenStatus.NotJwt;
        }

        HashSet<string> names = new(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            members++;
            if (!names.Add(name))
            {
                return TokenStatus.DuplicateMember;
            }

            reader.Read();
            bool wellTyped = name switch
            {
                "exp" or "nbf" or "iat" => reader.TokenType == JsonTokenType.Number &&
                    reader.TryGetDouble(out double date) && double.IsFinite(date),
                "iss" or "sub" or "jti" => reader.TokenType == JsonTokenType.String,
                "aud" => reader.TokenType == JsonTokenType.String || IsStringArray(reader),
                _ => true,
            };
            if (!wellTyped)
            {
                return TokenStatus.ClaimInvalid;
            }

            reader.Skip();
        }

        return TokenStatus.Valid;
    }

    private static bool IsStringArray(Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads each claim's value through the reader it is handed: strings, numbers, containers.</summary>
    private struct ReadingVisitor : IJwtClaimVisitor
    {
        public int Visited;

        public void VisitClaim(ReadOnlySpan<byte> name, ref Utf8JsonReader value, int valueOffset)
        {
            Visited++;
            switch (value.TokenType)
            {
                case JsonTokenType.String:
                    _ = value.GetString();
                    break;
                case JsonTokenType.Number:
                    _ = value.TryGetDouble(out _);
                    break;
                case JsonTokenType.StartArray or JsonTokenType.StartObject:
                    value.Skip();
                    break;
            }
        }
    }
}
