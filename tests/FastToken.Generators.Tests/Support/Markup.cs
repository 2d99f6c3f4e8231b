using Microsoft.CodeAnalysis.Text;

namespace FastToken.Generators.Tests.Support;

/// <summary>Source with one span marked <c>[|like this|]</c>: the text without marks, and the span.</summary>
internal static class Markup
{
    public static (string Source, TextSpan Span) Parse(string markup)
    {
        int start = markup.IndexOf("[|", StringComparison.Ordinal);
        int end = markup.IndexOf("|]", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "The test source marks no span.");
        string source = markup.Remove(end, 2).Remove(start, 2);
        return (source, TextSpan.FromBounds(start, end - 2));
    }
}
