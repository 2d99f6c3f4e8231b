using FastToken.Keys;
using FastToken.Tests.Support;

namespace FastToken.Tests.Keys;

public sealed class DiscoveryValidatorTests
{
    private const string Authority = "https://idp.example/realm";
    private const string JwksUrl = "https://idp.example/realm/protocol/certs";

    private readonly FakeHttpHandler _handler = new();
    private readonly JsonWebKey _key = JsonWebKey.Generate(JwtAlgorithm.RS256);
    private readonly FixedTimeProvider _clock = FixedTimeProvider.AtUnixSeconds(1_700_000_000);

    public DiscoveryValidatorTests()
    {
        _handler.Json(
            Authority + "/.well-known/openid-configuration",
            $$"""{"issuer":"{{Authority}}","jwks_uri":"{{JwksUrl}}"}""");
        _handler.Json(JwksUrl, new JsonWebKeySet([_key.ToPublicKey()]).ToJson());
    }

    private string Token(string issuer) => JwtWriter.Create(
        _key,
        JwtAlgorithm.RS256,
        $$"""{"iss":"{{issuer}}","aud":"urn:api","exp":1700000600}""",
        "at+jwt");

    private Task<JwtValidator> CreateAsync(Action<JwtValidationOptions>? configure = null) =>
        JwtValidator.CreateForAuthorityAsync(
            new Uri(Authority),
            o =>
            {
                o.ValidAudiences = ["urn:api"];
                o.RequiredType = "at+jwt";
                o.TimeProvider = _clock;
                configure?.Invoke(o);
            },
            _handler.CreateClient());

    [Fact]
    public async Task The_discovered_issuer_and_keys_validate_a_token()
    {
        JwtValidator validator = await CreateAsync();

        using JwtValidationResult result = validator.Validate(Token(Authority));

        Assert.Equal(TokenStatus.Valid, result.Status);
        Assert.Equal(JwtAlgorithm.RS256, result.Algorithm);
    }

    [Fact]
    public async Task Only_the_discovered_issuer_is_accepted()
    {
        JwtValidator validator = await CreateAsync();

        using JwtValidationResult result = validator.Validate(Token("https://idp.example/other-realm"));

        Assert.Equal(TokenStatus.IssuerInvalid, result.Status);
    }

    [Fact]
    public async Task The_configure_callback_sees_the_discovered_settings()
    {
        IJsonWebKeySource? keys = null;
        IList<string>? issuers = null;

        await CreateAsync(o =>
        {
            keys = o.Keys;
            issuers = o.ValidIssuers;
        });

        JwksKeySource source = Assert.IsType<JwksKeySource>(keys);
        Assert.Equal(new Uri(JwksUrl), source.JwksUri);
        Assert.Equal([Authority], issuers);
    }

    [Fact]
    public async Task Missing_audiences_are_reported_as_the_configuration_error_they_are()
    {
        ArgumentException e = await Assert.ThrowsAsync<ArgumentException>(
            () => JwtValidator.CreateForAuthorityAsync(new Uri(Authority), null, _handler.CreateClient()));

        Assert.Contains("ValidAudiences", e.Message);
    }

    [Fact]
    public async Task A_provider_speaking_for_another_issuer_is_refused()
    {
        _handler.Json(
            Authority + "/.well-known/openid-configuration",
            $$"""{"issuer":"https://attacker.example","jwks_uri":"{{JwksUrl}}"}""");

        await Assert.ThrowsAsync<JsonWebKeyException>(() => CreateAsync());
        Assert.Equal(0, _handler.Count(JwksUrl));
    }
}
