using System.Text.Json;
using FastToken.Keys;

namespace FastToken.Tests.Vectors;

/// <summary>The public JWS/JWT vectors of RFC 7515, 7519, 7520, 7797 and 8037, with their keys.</summary>
internal static class RfcVectors
{
    private static readonly Lazy<JsonDocument> s_document = new(() =>
        JsonDocument.Parse(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "jws-rfc-vectors.json"))));

    public static JsonElement Root => s_document.Value.RootElement;

    public static IEnumerable<object[]> CaseIds() =>
        Root.GetProperty("cases").EnumerateArray().Select(c => new object[] { c.GetProperty("id").GetString()! });

    public static JsonElement Case(string id) =>
        Root.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    public static string KeyJson(string name) => Root.GetProperty("keys").GetProperty(name).GetRawText();

    public static JsonWebKey Key(string name) => JsonWebKey.Parse(KeyJson(name));
}
