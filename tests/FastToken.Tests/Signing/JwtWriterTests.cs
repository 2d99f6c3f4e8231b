using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using FastToken.Tests.Support;

namespace FastToken.Tests.Signing;

public sealed class JwtWriterTests
{
    [Fact]
    public void Minted_at_jwt_header_writes_the_media_type_unescaped()
    {
        string token = JwtWriter.Create(TestKeys.Hmac256, JwtAlgorithm.HS256, """{"sub":"a"}""", "at+jwt");
        byte[] header = Base64Url.DecodeFromChars(token.AsSpan(0, token.IndexOf('.')));

        using JsonDocument document = JsonDocument.Parse(header);
        Assert.Contains("\"typ\":\"at+jwt\"", Encoding.UTF8.GetString(header));
        Assert.Equal("at+jwt", document.RootElement.GetProperty("typ").GetString());
    }
}
