using System.Text.Json;

namespace FastToken;

/// <summary>Where one top-level claim lies in the context's buffer. All offsets are absolute.</summary>
internal struct ClaimEntry
{
    /// <summary>Start of the unescaped member name.</summary>
    public int NameStart;

    public int NameLength;

    /// <summary>Start of the raw JSON value; for a string, of its content without the quotes.</summary>
    public int ValueStart;

    public int ValueLength;

    public JsonTokenType Type;

    /// <summary>Whether a string value contains escapes and must be unescaped before use.</summary>
    public bool ValueEscaped;
}
