using System.Text;
using System.Text.Json;

namespace FastToken.Tests.Support;

/// <summary>System.Text.Json as the oracle the validator's own JSON scan is held to.</summary>
internal static class JsonReaderOracle
{
    /// <summary>Whether the reader reads every token and unescapes every string without throwing.</summary>
    public static bool ReadsInFull(ReadOnlySpan<byte> json, int maxDepth)
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

    /// <summary>The same, for text.</summary>
    public static bool ReadsInFull(string text, int maxDepth) => ReadsInFull(Encoding.UTF8.GetBytes(text), maxDepth);
}
