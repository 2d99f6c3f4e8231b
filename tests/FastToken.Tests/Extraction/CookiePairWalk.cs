using System.Numerics;

namespace FastToken.Tests.Extraction;

/// <summary>
/// The first reading of a <c>Cookie</c> field: split it at every <c>;</c> and read each pair
/// in turn. The library now searches for the name instead; this plain pair walk is kept as
/// the reference that search must agree with, value slice for value slice.
/// </summary>
internal static class CookiePairWalk
{
    public static bool TryFind<T>(
        ReadOnlySpan<T> cookieHeader,
        ReadOnlySpan<T> name,
        ReadOnlySpan<T> nameSuffix,
        out ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T>
    {
        T separator = T.CreateTruncating(';');
        ReadOnlySpan<T> rest = cookieHeader;

        while (true)
        {
            int end = rest.IndexOf(separator);
            ReadOnlySpan<T> pair = end < 0 ? rest : rest[..end];
            if (TryMatchPair(pair, name, nameSuffix, out value))
            {
                return true;
            }

            if (end < 0)
            {
                return false;
            }

            rest = rest[(end + 1)..];
        }
    }

    private static bool TryMatchPair<T>(
        ReadOnlySpan<T> pair,
        ReadOnlySpan<T> name,
        ReadOnlySpan<T> nameSuffix,
        out ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = default;

        int equals = pair.IndexOf(T.CreateTruncating('='));
        if (equals < 0)
        {
            return false;
        }

        ReadOnlySpan<T> pairName = Trim(pair[..equals]);
        bool matches = !pairName.IsEmpty
            && pairName.Length == name.Length + nameSuffix.Length
            && pairName.StartsWith(name)
            && pairName[name.Length..].SequenceEqual(nameSuffix);
        if (!matches)
        {
            return false;
        }

        ReadOnlySpan<T> pairValue = Trim(pair[(equals + 1)..]);
        T quote = T.CreateTruncating('"');
        if (pairValue.Length >= 2 && pairValue[0] == quote && pairValue[^1] == quote)
        {
            pairValue = pairValue[1..^1];
        }

        value = pairValue;
        return true;
    }

    private static ReadOnlySpan<T> Trim<T>(ReadOnlySpan<T> text)
        where T : unmanaged, IBinaryInteger<T>
    {
        T space = T.CreateTruncating(' ');
        T tab = T.CreateTruncating('\t');
        int start = 0;
        int end = text.Length;
        while (start < end && (text[start] == space || text[start] == tab))
        {
            start++;
        }

        while (end > start && (text[end - 1] == space || text[end - 1] == tab))
        {
            end--;
        }

        return text[start..end];
    }
}
