using System.Text;
using System.Text.Json;

namespace FastToken.Policies;

/// <summary>The JSON type a required claim value has.</summary>
internal enum ClaimRuleKind
{
    String,
    Integer,
    Boolean,
}

/// <summary>One required claim of a <see cref="TokenPolicy"/>: its name and accepted values.</summary>
internal sealed class ClaimRule
{
    private readonly byte[][] _strings;
    private readonly long[] _integers;
    private readonly bool _boolean;

    private ClaimRule(string name, ClaimRuleKind kind, byte[][] strings, long[] integers, bool boolean)
    {
        Name = name;
        NameUtf8 = Encoding.UTF8.GetBytes(name);
        Kind = kind;
        _strings = strings;
        _integers = integers;
        _boolean = boolean;
    }

    public string Name { get; }

    public byte[] NameUtf8 { get; }

    public ClaimRuleKind Kind { get; }

    /// <summary>A key that is equal for rules that accept the same values, to find repeats.</summary>
    public string ValuesKey => Kind switch
    {
        ClaimRuleKind.String =>
            "s:" + string.Join('\n', _strings.Select(Encoding.UTF8.GetString).Order(StringComparer.Ordinal)),
        ClaimRuleKind.Integer => "i:" + string.Join(',', _integers.Order()),
        _ => "b:" + _boolean,
    };

    public static ClaimRule ForStrings(string name, IEnumerable<string> values) =>
        new(name, ClaimRuleKind.String, [.. values.Select(Encoding.UTF8.GetBytes)], [], false);

    public static ClaimRule ForIntegers(string name, IEnumerable<long> values) =>
        new(name, ClaimRuleKind.Integer, [], [.. values], false);

    public static ClaimRule ForBoolean(string name, bool value) =>
        new(name, ClaimRuleKind.Boolean, [], [], value);

    /// <summary>Whether the value a reader is on is accepted: same JSON type, one of the values.</summary>
    public bool Matches(ref Utf8JsonReader value)
    {
        switch (Kind)
        {
            case ClaimRuleKind.String:
                if (value.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                foreach (byte[] accepted in _strings)
                {
                    if (value.ValueTextEquals(accepted))
                    {
                        return true;
                    }
                }

                return false;
            case ClaimRuleKind.Integer:
                return ClaimValues.TryGetInt64(ref value, out long number) && _integers.AsSpan().Contains(number);
            default:
                return ClaimValues.TryGetBoolean(ref value, out bool flag) && flag == _boolean;
        }
    }
}
