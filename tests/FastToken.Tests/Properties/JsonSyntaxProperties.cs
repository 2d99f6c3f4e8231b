using System.Text;
using System.Text.Json;
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
    [Property(MaxTest = 300)]
    public Property Check_agrees_with_the_reader() =>
        Prop.ForAll(JsonGenerators.Text.ToArbitrary(), Gen.Choose(1, 8).ToArbitrary(), (text, depth) =>
        {
            byte[] json = Encoding.UTF8.GetBytes(text);
            JsonSyntaxStatus verdict = JsonSyntax.Check(json, depth);
            bool readable = ReadsInFull(json, depth);
            bool readableDeeper = ReadsInFull(json, 64);

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

    [Property(MaxTest = 300)]
    public Property Escape_scan_agrees_with_unescaping_for_text_the_reader_accepts() =>
        Prop.ForAll(JsonGenerators.Text.ToArbitrary(), text =>
        {
            byte[] json = Encoding.UTF8.GetBytes(text);
            if (!Tokenizes(json))
            {
                return;
            }

            Assert.Equal(ReadsInFull(json, 64), JsonSyntax.HasWellFormedEscapes(json));
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

    /// <summary>Whether the reader reads every token and unescapes every string without throwing.</summary>
    private static bool ReadsInFull(byte[] json, int maxDepth)
    {
        try
        {
            Utf8JsonReader reader = new(json, new JsonReaderOptions { MaxDepth = maxDepth });
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    _ = reader.GetString();
                }
            }

            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Whether the reader accepts the syntax, leaving escapes unchecked.</summary>
    private static bool Tokenizes(byte[] json)
    {
        try
        {
            Utf8JsonReader reader = new(json, new JsonReaderOptions { MaxDepth = 64 });
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
