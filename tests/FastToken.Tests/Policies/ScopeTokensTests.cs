using System.Text;
using System.Text.Json;
using FastToken.Policies;

namespace FastToken.Tests.Policies;

public sealed class ScopeTokensTests
{
    [Theory]
    [InlineData("read write", "read", true)]
    [InlineData("read write", "write", true)]
    [InlineData("read write", "rea", false)]
    [InlineData("read write", "read write", false)]
    [InlineData("reader", "read", false)]
    [InlineData("  read   write ", "write", true)]
    [InlineData("", "read", false)]
    [InlineData("read", "", false)]
    [InlineData("Read", "read", false)]
    public void Scope_tokens_are_matched_whole_and_exactly(string scopes, string scope, bool expected)
    {
        Assert.Equal(expected, ScopeTokens.Contains(Encoding.UTF8.GetBytes(scopes), Encoding.UTF8.GetBytes(scope)));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(1000)]
    public void Escaped_scope_strings_are_unescaped_on_the_stack_or_from_the_pool(int padding)
    {
        string json = "\"" + new string('x', padding) + " orders\\u002eread\"";
        Utf8JsonReader reader = new(Encoding.UTF8.GetBytes(json));
        reader.Read();

        ScopeTokens granted = ScopeTokens.Read(in reader, stackalloc byte[ScopeTokens.StackBufferSize]);

        Assert.True(granted.Contains("orders.read"u8));
        Assert.False(granted.Contains("orders\\u002eread"u8));
        granted.Dispose();
    }

    [Fact]
    public void A_value_that_is_not_a_string_grants_nothing()
    {
        Utf8JsonReader reader = new("[\"read\"]"u8);
        reader.Read();

        ScopeTokens granted = ScopeTokens.Read(in reader, stackalloc byte[ScopeTokens.StackBufferSize]);

        Assert.True(granted.Text.IsEmpty);
        Assert.False(granted.Contains("read"u8));
    }
}
