using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastToken.Keys;
using FastToken.Tests.Cli;
using FastToken.Tests.Support;

namespace FastToken.Tests.Interop;

/// <summary>
/// Tokens from a real OpenID provider (oidc-provider), validated the way a service would:
/// discovery, the provider's JWK Set, RFC 9068 access tokens.
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class ProviderInteropTests(InteropProvider provider)
{
    private Task<JwtValidator> CreateValidatorAsync(TimeProvider? clock = null) =>
        JwtValidator.CreateForAuthorityAsync(
            provider.Authority,
            o =>
            {
                o.ValidAudiences = [InteropProvider.Audience];
                o.RequiredType = "at+jwt";
                o.TimeProvider = clock ?? TimeProvider.System;
            },
            provider.Http);

    private static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);

    [Theory]
    [InlineData("client-es256", JwtAlgorithm.ES256, "es256-key-1")]
    [InlineData("client-rs256", JwtAlgorithm.RS256, "rs256-key-1")]
    public async Task Access_tokens_validate_through_discovery(string clientId, JwtAlgorithm algorithm, string kid)
    {
        string token = await provider.GetAccessTokenAsync(clientId);
        JwtValidator validator = await CreateValidatorAsync();

        using JwtValidationResult result = validator.Validate(token);

        Assert.Equal(TokenStatus.Valid, result.Status);
        Assert.Equal(algorithm, result.Algorithm);
        Assert.Equal(kid, Text(result.KeyId));
        Assert.Equal("at+jwt", Text(result.Type));
        Assert.Equal(provider.Authority.OriginalString, Text(result.Issuer));
        Assert.Equal(clientId, Text(result.Subject));
        Assert.True(result.Audiences.Contains(Encoding.UTF8.GetBytes(InteropProvider.Audience)));
        Assert.True(result.TryGetString("scope"u8, out ReadOnlySpan<byte> scope));
        Assert.Equal("api:read", Text(scope));
        Assert.True(result.TryGetString("client_id"u8, out ReadOnlySpan<byte> client));
        Assert.Equal(clientId, Text(client));
        Assert.False(result.JwtId.IsEmpty);
        Assert.True(result.ExpiresAt > result.IssuedAt);
    }

    [Theory]
    [InlineData("client-es256")]
    [InlineData("client-rs256")]
    public async Task A_token_whose_claims_were_changed_is_signature_invalid(string clientId)
    {
        string token = await provider.GetAccessTokenAsync(clientId);
        string[] parts = token.Split('.');
        JsonObject claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject();
        claims["scope"] = "api:read api:write admin";
        string forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        JwtValidator validator = await CreateValidatorAsync();

        using JwtValidationResult result = validator.Validate($"{parts[0]}.{forged}.{parts[2]}");

        Assert.Equal(TokenStatus.SignatureInvalid, result.Status);
    }

    [Fact]
    public async Task A_token_for_another_resource_is_audience_invalid()
    {
        string token = await provider.GetAccessTokenAsync("client-es256", InteropProvider.OtherAudience);
        JwtValidator validator = await CreateValidatorAsync();

        using JwtValidationResult result = validator.Validate(token);

        Assert.Equal(TokenStatus.AudienceInvalid, result.Status);
    }

    [Fact]
    public async Task A_token_judged_after_its_exp_is_expired()
    {
        string token = await provider.GetAccessTokenAsync("client-short");
        DateTimeOffset expiresAt;
        using (JwtValidationResult fresh = (await CreateValidatorAsync()).Validate(token))
        {
            Assert.Equal(TokenStatus.Valid, fresh.Status);
            expiresAt = fresh.ExpiresAt!.Value;
        }

        // Past exp by more than the default 30 s of skew, without waiting for it.
        FixedTimeProvider later = new(expiresAt.AddSeconds(31));
        JwtValidator validator = await CreateValidatorAsync(later);

        using JwtValidationResult result = validator.Validate(token);

        Assert.Equal(TokenStatus.Expired, result.Status);
    }

    [Fact]
    public async Task Discovery_finds_the_provider_keys_and_endpoints()
    {
        OpenIdConfiguration configuration = await OpenIdConfiguration.LoadAsync(provider.Authority, provider.Http);
        using JwksKeySource keys = await JwksKeySource.CreateAsync(configuration.JwksUri, provider.Http);

        Assert.Equal(provider.Authority.OriginalString, configuration.Issuer);
        Assert.Equal(new Uri(provider.Authority, "/token"), configuration.TokenEndpoint);
        Assert.Equal(["es256-key-1", "rs256-key-1"], keys.Current.Keys.Select(k => k.KeyId).Order());
        Assert.All(keys.Current.Keys, k => Assert.False(k.HasPrivateKey));
    }

    [Fact]
    public async Task The_cli_verifies_a_provider_token_through_its_authority()
    {
        string token = await provider.GetAccessTokenAsync("client-es256");

        CliRun run = await CliRun.RunAsync(
            "verify", token, "--authority", provider.Authority.OriginalString,
            "--audience", InteropProvider.Audience, "--type", "at+jwt", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        JsonElement json = run.Json();
        Assert.Equal("valid", json.GetProperty("status").GetString());
        Assert.Equal("ES256", json.GetProperty("alg").GetString());
        Assert.Equal("es256-key-1", json.GetProperty("kid").GetString());
        Assert.Equal(provider.Authority.OriginalString, json.GetProperty("claims").GetProperty("iss").GetString());
    }

    [Fact]
    public async Task The_cli_refuses_a_provider_token_for_another_audience()
    {
        string token = await provider.GetAccessTokenAsync("client-rs256", InteropProvider.OtherAudience);

        CliRun run = await CliRun.RunWithStdinAsync(
            token, "verify", "-", "--authority", provider.Authority.OriginalString,
            "--audience", InteropProvider.Audience, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("audience-invalid", run.Json().GetProperty("status").GetString());
    }
}
