using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FastToken.Tests.Extraction;

/// <summary>
/// The cookie lookup searches for the name and then checks that the hit is a pair's name.
/// These properties hold it to the plain pair walk on headers built to trip such a search:
/// the name inside values, quotes, nameless pairs, other names that contain it, overlapping
/// occurrences and odd spacing. Both must return the same slice of the same header.
/// </summary>
public class CookieNameSearchProperties
{
    // Pieces of the name, the name with chunk suffixes, and the characters that decide pairs.
    private static readonly string[] s_fragments =
    [
        "access_token", "access_tokenC1", "access_tokenC", "access_", "_token", "token",
        "Access_token", "xaccess_token", "\"access_token", "C1", "C", "1", "=", "==", ";", "; ",
        " ", "\t", "\"", "x", "a=", " = ", "=\"", "\"x\"", "\"\"", "\";",
    ];

    // A name and a suffix: the chunk reader's split, the whole name split differently, names
    // that no pair can carry (with '=', ';' or outer whitespace), and empty parts.
    private static readonly (string Name, string Suffix)[] s_names =
    [
        ("access_token", ""), ("access_token", "C1"), ("access_token", "C"), ("access_", "token"),
        ("", "access_token"), ("", ""), ("token", ""), ("C1", ""), ("access token", ""),
        ("access_token=", ""), ("access_token", "="), ("access_token ", ""), (" access_token", ""),
        ("access_token", "C1 "), ("access_token", "\t"), ("x;access_token", ""), ("\"", ""),
    ];

    // A short name over tiny pieces makes overlapping and adjacent occurrences common.
    private static readonly string[] s_shortFragments =
    [
        "a", "b", "ab", "C", "1", "=", ";", " ", "\t", "\"", "x", "=\"", "\";",
    ];

    private static readonly (string Name, string Suffix)[] s_shortNames =
    [
        ("ab", ""), ("a", ""), ("a", "b"), ("ab", "C1"), ("aba", ""), ("", "ab"), ("a b", ""),
        ("ab", " "), ("b", "C"), ("\"a\"", ""),
    ];

    private static Gen<string> Concatenation(string[] fragments, int maxCount) =>
        Gen.Choose(0, maxCount)
            .SelectMany(count => Gen.ArrayOf(Gen.Elements(fragments), count))
            .Select(parts => string.Concat(parts));

    [Property(MaxTest = 5000)]
    public Property Name_search_agrees_with_the_pair_walk_on_fragments() =>
        Prop.ForAll(
            (from header in Concatenation(s_fragments, 16)
             from name in Gen.Elements(s_names)
             select (header, name.Name, name.Suffix)).ToArbitrary(),
            input => AgreesInCharactersAndBytes(input.header, input.Name, input.Suffix));

    [Property(MaxTest = 5000)]
    public Property Name_search_agrees_with_the_pair_walk_for_short_overlapping_names() =>
        Prop.ForAll(
            (from header in Concatenation(s_shortFragments, 24)
             from name in Gen.Elements(s_shortNames)
             select (header, name.Name, name.Suffix)).ToArbitrary(),
            input => AgreesInCharactersAndBytes(input.header, input.Name, input.Suffix));

    [Property(MaxTest = 2000)]
    public Property Several_field_values_agree_with_the_pair_walk_over_each_in_turn() =>
        Prop.ForAll(
            (from fieldValues in Gen.Choose(0, 3).SelectMany(count => Gen.ArrayOf(
                 Gen.Frequency(
                     (1, Gen.Constant<string?>(null)),
                     (6, Concatenation(s_fragments, 10).Select(value => (string?)value))),
                 count))
             from name in Gen.Elements(s_names)
             select (fieldValues, name.Name, name.Suffix)).ToArbitrary(),
            input =>
            {
                string expected = "none";
                for (int index = 0; index < input.fieldValues.Length; index++)
                {
                    ReadOnlySpan<char> field = input.fieldValues[index].AsSpan();
                    bool walked = CookiePairWalk.TryFind<char>(
                        field, input.Name, input.Suffix, out ReadOnlySpan<char> value);
                    if (walked)
                    {
                        expected = $"{index}:{Slice(field, value)}";
                        break;
                    }
                }

                bool found = new CookieFieldStrings(input.fieldValues)
                    .TryFind(input.Name, input.Suffix, out ReadOnlySpan<char> actualValue);

                // Equal field values may be one string; the first of them is the one to name.
                string actual = "none";
                for (int index = 0; found && index < input.fieldValues.Length; index++)
                {
                    ReadOnlySpan<char> field = input.fieldValues[index].AsSpan();
                    if (field.Overlaps(actualValue) || IsWithin(field, actualValue))
                    {
                        actual = $"{index}:{Slice(field, actualValue)}";
                        break;
                    }
                }

                return (expected == actual)
                    .Label($"[{string.Join(" | ", input.fieldValues.Select(v => v ?? "null"))}] "
                        + $"'{input.Name}'+'{input.Suffix}': expected {expected}, got {actual}");
            });

    private static Property AgreesInCharactersAndBytes(string header, string name, string suffix)
    {
        bool expectedFound =
            CookiePairWalk.TryFind<char>(header, name, suffix, out ReadOnlySpan<char> expected);
        bool found = CookieHeader.TryFind<char>(header, name, suffix, out ReadOnlySpan<char> value);

        byte[] raw = Encoding.ASCII.GetBytes(header);
        byte[] rawName = Encoding.ASCII.GetBytes(name);
        byte[] rawSuffix = Encoding.ASCII.GetBytes(suffix);
        bool expectedRawFound =
            CookiePairWalk.TryFind<byte>(raw, rawName, rawSuffix, out ReadOnlySpan<byte> expectedRaw);
        bool rawFound =
            CookieHeader.TryFind<byte>(raw, rawName, rawSuffix, out ReadOnlySpan<byte> rawValue);

        string want = expectedFound ? Slice<char>(header, expected) : "none";
        string got = found ? Slice<char>(header, value) : "none";
        string wantRaw = expectedRawFound ? Slice<byte>(raw, expectedRaw) : "none";
        string gotRaw = rawFound ? Slice<byte>(raw, rawValue) : "none";

        return (want == got && wantRaw == gotRaw && want == wantRaw)
            .Label($"'{header}' '{name}'+'{suffix}': expected {want}, got {got}; "
                + $"bytes {wantRaw}, got {gotRaw}");
    }

    /// <summary>
    /// Where <paramref name="value"/> sits in <paramref name="header"/>, as offset:length.
    /// </summary>
    private static string Slice<T>(ReadOnlySpan<T> header, ReadOnlySpan<T> value)
        where T : unmanaged
    {
        long bytes = Unsafe.ByteOffset(
            ref MemoryMarshal.GetReference(header), ref MemoryMarshal.GetReference(value));
        return $"{bytes / Unsafe.SizeOf<T>()}:{value.Length}";
    }

    // An empty value overlaps nothing; it still points somewhere inside (or just past) its field.
    private static bool IsWithin(ReadOnlySpan<char> field, ReadOnlySpan<char> value)
    {
        long bytes = Unsafe.ByteOffset(
            ref MemoryMarshal.GetReference(field), ref MemoryMarshal.GetReference(value));
        return value.IsEmpty && bytes >= 0 && bytes <= field.Length * sizeof(char);
    }
}
