using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;

namespace FastToken.Tests.Properties;

/// <summary>
/// Generators for JSON: a claim model serialized by System.Text.Json (always well-formed), and
/// hand-built JSON text that may hold every escape, lone surrogates, deep nesting and mutations.
/// </summary>
internal static class JsonGenerators
{
    private static readonly string[] s_registered = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

    private static readonly string[] s_headerNames =
        ["\"alg\"", "\"kid\"", "\"typ\"", "\"iss\"", "\"aud\"", "\"exp\"", "\"crit\"", "\"b64\""];

    // Legal edge cases first, then numbers the grammar refuses.
    private static readonly string[] s_oddNumbers =
    [
        "0", "-0", "0.5", "1e400", "-1E-400", "1.0e+2", "123456789012345678901234567890",
        "01", "1.", ".5", "+1", "-", "1e",
    ];

    private static readonly string[] s_insertions =
        ["{", "}", "[", "]", ",", ":", "\"", "\\", "0", "e", " ", "\u0001", "é", "\\u", "\uFEFF"];

    /// <summary>Unicode text, weighted toward what breaks parsers: quotes, controls, non-ASCII.</summary>
    public static Gen<string> UnicodeText { get; } =
        Gen.Frequency(
            (6, Gen.Choose(0x20, 0x7E)),
            (2, Gen.Elements(0x22, 0x5C, 0x2F, 0x00, 0x08, 0x09, 0x0A, 0x0D, 0x1F, 0x7F)),
            (2, Gen.Choose(0xA0, 0x7FF)),
            (1, Gen.Choose(0x800, 0xD7FF)),
            (1, Gen.Choose(0xE000, 0xFFFD)),
            (1, Gen.Choose(0x10000, 0x10FFFF)))
        .Upto(16)
        .Select(scalars => string.Concat(scalars.Select(char.ConvertFromUtf32)));

    /// <summary>A claim value: a string, number, boolean, null, or nested array or object.</summary>
    public static Gen<ClaimValue> Value { get; } = Gen.Sized(size => ValueOfSize(Math.Min(size, 8)));

    /// <summary>A claims set: unique names, none of them registered, with any values.</summary>
    public static Gen<ClaimSet> Claims { get; } =
        from names in UnicodeText.Where(n => !s_registered.Contains(n)).Upto(16)
        let unique = names.Distinct(StringComparer.Ordinal).ToArray()
        from values in Value.ArrayOf(unique.Length)
        from escapeAll in ArbMap.Default.GeneratorFor<bool>()
        select new ClaimSet([.. unique.Zip(values, (n, v) => new KeyValuePair<string, ClaimValue>(n, v))], escapeAll);

    /// <summary>JSON text, well-formed or nearly so, from a model of JSON values built by hand.</summary>
    public static Gen<string> Text { get; } =
        from text in Gen.Sized(size => RawValue(Math.Min(size, 10)))
        from mutated in Gen.Frequency((3, Gen.Constant(text)), (1, Mutate(text)))
        select mutated;

    /// <summary>A JSON object's text with random members, sometimes mutated.</summary>
    public static Gen<string> ObjectText(string? firstMember) =>
        from members in Gen.Sized(size => Member(Math.Min(size, 8))).Upto(8)
        let all = firstMember is null ? members : [firstMember, .. members]
        let text = "{" + string.Join(",", all) + "}"
        from mutated in Gen.Frequency((4, Gen.Constant(text)), (1, Mutate(text)))
        select mutated;

    /// <summary>Between none and <paramref name="max"/> items, so tokens stay the size of real ones.</summary>
    private static Gen<T[]> Upto<T>(this Gen<T> item, int max) =>
        Gen.Choose(0, max).SelectMany(count => item.ArrayOf(count));

    private static Gen<ClaimValue> ValueOfSize(int size)
    {
        Gen<ClaimValue> scalar = Gen.OneOf(
            UnicodeText.Select(s => (ClaimValue)new ClaimValue.Text(s)),
            ArbMap.Default.GeneratorFor<long>().Select(n => (ClaimValue)new ClaimValue.Number(n)),
            ArbMap.Default.GeneratorFor<NormalFloat>().Select(d => (ClaimValue)new ClaimValue.Number(d.Get)),
            ArbMap.Default.GeneratorFor<bool>().Select(b => (ClaimValue)new ClaimValue.Boolean(b)),
            Gen.Constant((ClaimValue)new ClaimValue.Null()));
        if (size <= 1)
        {
            return scalar;
        }

        Gen<ClaimValue> array = ValueOfSize(size / 2).Upto(6).Select(items => (ClaimValue)new ClaimValue.Array(items));
        Gen<ClaimValue> strings = UnicodeText.Upto(6).Select(items => (ClaimValue)new ClaimValue.Array(
            [.. items.Select(s => (ClaimValue)new ClaimValue.Text(s))]));
        Gen<ClaimValue> obj =
            from names in UnicodeText.Upto(6)
            let unique = names.Distinct(StringComparer.Ordinal).ToArray()
            from values in ValueOfSize(size / 2).ArrayOf(unique.Length)
            select (ClaimValue)new ClaimValue.Object([.. unique.Zip(values, (n, v) => KeyValuePair.Create(n, v))]);
        return Gen.Frequency((4, scalar), (2, strings), (1, array), (1, obj));
    }

    private static Gen<string> RawValue(int size)
    {
        Gen<string> scalar = Gen.OneOf(RawString, RawNumber, Gen.Elements("true", "false", "null"));
        if (size <= 1)
        {
            return scalar;
        }

        Gen<string> array = RawValue(size / 2).Upto(6)
            .Select(items => "[" + string.Join(",", items) + "]");
        Gen<string> obj = Member(size / 2).Upto(6)
            .Select(members => "{" + string.Join(",", members) + "}");
        return Gen.Frequency((3, scalar), (1, array), (2, obj));
    }

    private static Gen<string> Member(int size) =>
        from name in Gen.Frequency((3, RawString), (1, Gen.Elements(s_headerNames)))
        from space in Gen.Elements("", " ", "\n\t ")
        from value in RawValue(size)
        select name + space + ":" + space + value;

    /// <summary>A JSON string literal built from pieces, including every escape and lone surrogates.</summary>
    private static Gen<string> RawString { get; } =
        Gen.Frequency(
            (5, UnicodeText.Select(EscapeSome)),
            (2, Gen.Elements("\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t")),
            (2, Gen.Choose(0, 0xFFFF).Where(u => u is < 0xD800 or > 0xDFFF).Select(u => $"\\u{u:x4}")),
            (1, Gen.Choose(0x10000, 0x10FFFF).Select(EscapePair)),
            (1, Gen.Choose(0xD800, 0xDFFF).Select(u => $"\\u{u:X4}")),
            (1, Gen.Elements("\\uD83D\\u0041", "\\uDE00\\uD83D", "\\u12", "\\x", "\t", "\u0001")))
        .Upto(8)
        .Select(pieces => "\"" + string.Concat(pieces) + "\"");

    private static Gen<string> RawNumber { get; } =
        Gen.OneOf(
            ArbMap.Default.GeneratorFor<long>().Select(n => n.ToString(CultureInfo.InvariantCulture)),
            ArbMap.Default.GeneratorFor<NormalFloat>().Select(d => d.Get.ToString("R", CultureInfo.InvariantCulture)),
            Gen.Elements(s_oddNumbers));

    /// <summary>Escapes what would end the string early; other control characters stay raw, sometimes.</summary>
    private static string EscapeSome(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\u0000", "\\u0000", StringComparison.Ordinal);

    private static string EscapePair(int scalar) =>
        string.Concat(char.ConvertFromUtf32(scalar).Select(unit => $"\\u{(int)unit:X4}"));

    private static Gen<string> Mutate(string text) =>
        from position in Gen.Choose(0, text.Length)
        from kind in Gen.Choose(0, 2)
        from inserted in Gen.Elements(s_insertions)
        select kind switch
        {
            0 when position < text.Length => text.Remove(position, 1),
            1 => text.Insert(position, inserted),
            _ => text[..position] + text[position..] + text[..Math.Min(position, text.Length)],
        };
}

/// <summary>A claim value modelled in .NET, so that the expected reading is known.</summary>
internal abstract record ClaimValue
{
    public abstract void WriteTo(Utf8JsonWriter writer);

    public sealed record Text(string Value) : ClaimValue
    {
        public override void WriteTo(Utf8JsonWriter writer) => writer.WriteStringValue(Value);
    }

    public sealed record Number(double Value) : ClaimValue
    {
        public override void WriteTo(Utf8JsonWriter writer) => writer.WriteNumberValue(Value);
    }

    public sealed record Boolean(bool Value) : ClaimValue
    {
        public override void WriteTo(Utf8JsonWriter writer) => writer.WriteBooleanValue(Value);
    }

    public sealed record Null : ClaimValue
    {
        public override void WriteTo(Utf8JsonWriter writer) => writer.WriteNullValue();
    }

    public sealed record Array(ClaimValue[] Items) : ClaimValue
    {
        public override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartArray();
            foreach (ClaimValue item in Items)
            {
                item.WriteTo(writer);
            }

            writer.WriteEndArray();
        }
    }

    public sealed record Object(KeyValuePair<string, ClaimValue>[] Members) : ClaimValue
    {
        public override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            foreach (KeyValuePair<string, ClaimValue> member in Members)
            {
                writer.WritePropertyName(member.Key);
                member.Value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }
    }
}

/// <summary>A claims set and how it is escaped: everything non-ASCII, or only what JSON requires.</summary>
internal sealed record ClaimSet(KeyValuePair<string, ClaimValue>[] Claims, bool EscapeAll)
{
    public JsonWriterOptions WriterOptions => new()
    {
        Encoder = EscapeAll ? JavaScriptEncoder.Default : JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The payload: the registered claims a service needs, then the generated ones.</summary>
    public string ToPayload(string registered)
    {
        using MemoryStream stream = new();
        using (Utf8JsonWriter writer = new(stream, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (KeyValuePair<string, ClaimValue> claim in Claims)
            {
                writer.WritePropertyName(claim.Key);
                claim.Value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        string generated = Encoding.UTF8.GetString(stream.ToArray());
        return generated.Length == 2 ? "{" + registered + "}" : "{" + registered + "," + generated[1..];
    }

    /// <summary>The JSON text of one value as this set's writer spells it.</summary>
    public string RawText(ClaimValue value)
    {
        using MemoryStream stream = new();
        using (Utf8JsonWriter writer = new(stream, WriterOptions))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public override string ToString() => $"{Claims.Length} claims, escape all: {EscapeAll}";
}
