using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FastToken.Cli;

/// <summary>Writes JSON for people (indented) and for scripts (one line).</summary>
internal static class JsonText
{
    // The relaxed encoder leaves '+', '<' and non-ASCII letters readable (this output is
    // never embedded in HTML) but still escapes every C0 and C1 control character, so text
    // taken from a token cannot smuggle a terminal escape sequence onto the screen.
    private static readonly JsonWriterOptions s_indented = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions s_compact = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Builds one compact JSON value with <paramref name="write"/>.</summary>
    public static string Compact(Action<Utf8JsonWriter> write) => Write(write, s_compact);

    /// <summary>Builds one indented JSON value with <paramref name="write"/>.</summary>
    public static string Indented(Action<Utf8JsonWriter> write) => Write(write, s_indented);

    /// <summary>Re-writes a JSON value, indented.</summary>
    public static string Indented(JsonElement element) => Write(element.WriteTo, s_indented);

    /// <summary>Replaces every character outside printable ASCII with '?', for one-line human output.</summary>
    public static string Printable(string value)
    {
        StringBuilder builder = new(value.Length);
        foreach (char c in value)
        {
            builder.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return builder.ToString();
    }

    private static string Write(Action<Utf8JsonWriter> write, JsonWriterOptions options)
    {
        ArrayBufferWriter<byte> buffer = new();
        using (Utf8JsonWriter writer = new(buffer, options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
