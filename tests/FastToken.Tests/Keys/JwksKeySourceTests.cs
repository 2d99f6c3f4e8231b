using System.Net;
using System.Text;
using FastToken.Keys;
using FastToken.Tests.Support;

namespace FastToken.Tests.Keys;

public sealed class JwksKeySourceTests
{
    private const string JwksUrl = "https://idp.example/keys";
    private const string Issuer = "https://idp.example";
    private const string Audience = "urn:api";

    private readonly FakeHttpHandler _handler = new();
    private readonly ManualTimeProvider _clock = new();
    private readonly JsonWebKey _first = JsonWebKey.Generate(JwtAlgorithm.ES256);
    private readonly JsonWebKey _second = JsonWebKey.Generate(JwtAlgorithm.ES256);

    private static string PublicSet(params JsonWebKey[] keys) =>
        new JsonWebKeySet(keys.Select(k => k.ToPublicKey())).ToJson();

    private JwksKeySourceOptions Options(Action<Exception>? failed = null) => new()
    {
        TimeProvider = _clock,
        RefreshFailed = failed,
    };

    private Task<JwksKeySource> CreateAsync(JwksKeySourceOptions? options = null) =>
        JwksKeySource.CreateAsync(new Uri(JwksUrl), _handler.CreateClient(), options ?? Options());

    private JwtValidator Validator(IJsonWebKeySource keys) => new(new JwtValidationOptions
    {
        Keys = keys,
        ValidIssuers = [Issuer],
        ValidAudiences = [Audience],
        TimeProvider = _clock,
    });

    private string Token(JsonWebKey key)
    {
        long now = _clock.GetUtcNow().ToUnixTimeSeconds();
        string claims = $$"""{"iss":"{{Issuer}}","aud":"{{Audience}}","exp":{{now + 86400}}}""";
        return JwtWriter.Create(key, JwtAlgorithm.ES256, claims);
    }

    private static async Task SettleAsync(JwksKeySource source)
    {
        if (source.PendingRefresh is { } refresh)
        {
            await refresh;
        }
    }

    [Fact]
    public async Task Loads_the_set_and_verifies_with_it()
    {
        _handler.Json(JwksUrl, PublicSet(_first));
        using JwksKeySource source = await CreateAsync();

        using JwtValidationResult result = Validator(source).Validate(Token(_first));

        Assert.Equal(TokenStatus.Valid, result.Status);
        Assert.Equal(_first.KeyId, Assert.Single(source.Current.Keys).KeyId);
        Assert.Equal(_clock.GetUtcNow(), source.LoadedAt);
        Assert.Null(source.LastRefreshError);
        Assert.Equal(1, _handler.Count(JwksUrl));
    }

    [Fact]
    public async Task A_rotated_key_is_picked_up_after_a_token_names_it()
    {
        _handler.Json(JwksUrl, PublicSet(_first));
        using JwksKeySource source = await CreateAsync();
        JwtValidator validator = Validator(source);

        // The provider rotates; the first token signed with the new key finds no key, and
        // that asks the source to refresh in the background.
        _handler.Json(JwksUrl, PublicSet(_second));
        string token = Token(_second);
        using (JwtValidationResult before = validator.Validate(token))
        {
            Assert.Equal(TokenStatus.KeyNotFound, before.Status);
        }

        await SettleAsync(source);

        using JwtValidationResult after = validator.Validate(token);
        Assert.Equal(TokenStatus.Valid, after.Status);
        Assert.Equal(2, _handler.Count(JwksUrl));
    }

    [Fact]
    public async Task Early_refreshes_are_limited_to_one_per_minimum_interval()
    {
        _handler.Json(JwksUrl, PublicSet(_first));
        using JwksKeySource source = await CreateAsync();

        source.OnKeyNotFound();
        await SettleAsync(source);
        Assert.Equal(2, _handler.Count(JwksUrl));

        // Unknown kids keep coming; none of them reaches the provider within five minutes.
        for (int i = 0; i < 100; i++)
        {
            source.OnKeyNotFound();
        }

        _clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        source.OnKeyNotFound();
        await SettleAsync(source);
        Assert.Equal(2, _handler.Count(JwksUrl));

        _clock.Advance(TimeSpan.FromSeconds(1));
        source.OnKeyNotFound();
        await SettleAsync(source);
        Assert.Equal(3, _handler.Count(JwksUrl));
    }

    [Fact]
    public async Task The_minimum_interval_is_configurable()
    {
        _handler.Json(JwksUrl, PublicSet(_first));
        JwksKeySourceOptions options = Options();
        options.MinimumRefreshInterval = TimeSpan.FromSeconds(30);
        using JwksKeySource source = await CreateAsync(options);

        source.OnKeyNotFound();
        await SettleAsync(source);
        _clock.Advance(TimeSpan.FromSeconds(29));
        source.OnKeyNotFound();
        Assert.Equal(2, _handler.Count(JwksUrl));

        _clock.Advance(TimeSpan.FromSeconds(1));
        source.OnKeyNotFound();
        await SettleAsync(source);
        Assert.Equal(3, _handler.Count(JwksUrl));
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_last_good_set_and_reports_why()
    {
        _handler.Json(JwksUrl, PublicSet(_first));
        List<Exception> failures = [];
        using JwksKeySource source = await CreateAsync(Options(failures.Add));
        JsonWebKeySet good = source.Current;
        JwtValidator validator = Validator(source);

        _handler.Status(JwksUrl, HttpStatusCode.InternalServerError);
        source.OnKeyNotFound();
        await SettleAsync(source);

        Assert.Same(good, source.Current);
        JsonWebKeyException error = Assert.IsType<JsonWebKeyException>(source.LastRefreshError);
        Assert.Contains("HTTP 500", error.Message);
        Assert.Same(error, Assert.Single(failures));
        using JwtValidationResult result = validator.Validate(Token(_first));
        Assert.Equal(TokenStatus.Valid, result.Status);
    }

    [Theory]
    [InlineData("""{"keys":[]}""")]
    [InlineData("""{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}""")]
    [InlineData("""{"keys":""")]
    [InlineData("""<html>maintenance</html>""")]
    public async Task A_refresh_that_brings_no_usable_key_keeps_the_last_good_set(string body)
    {
        _handler.Json(JwksUrl, PublicSet(_first));
        using JwksKeySource source = await CreateAsync();
        JsonWebKeySet good = source.Current;

        _handler.Json(JwksUrl, body);
        source.OnKeyNotFound();
        await SettleAsync(source);

        Assert.Same(good, source.Current);
        Assert.IsType<JsonWebKeyException>(source.LastRefreshError);
    }

    [Fact]
    public async Task A_failure_is_retried_after_the_minimum_interval_and_a_success_clears_the_error()
    {
        _handler.Json(JwksUrl, PublicSet(_first));
        using JwksKeySource source = await CreateAsync();
        _handler.Status(JwksUrl, HttpStatusCode.BadGateway);
        _clock.Advance(TimeSpan.FromHours(12));
        _ = source.Current;
        await SettleAsync(source);
        Assert.NotNull(source.LastRefreshError);

        // The scheduled retry waits for the rate limit, not for another twelve hours.
        _handler.Json(JwksUrl, PublicSet(_second));
        _clock.Advance(TimeSpan.FromMinutes(4));
        _ = source.Current;
        Assert.Equal(2, _handler.Count(JwksUrl));

        _clock.Advance(TimeSpan.FromMinutes(1));
        _ = source.Current;
        await SettleAsync(source);

        Assert.Equal(3, _handler.Count(JwksUrl));
        Assert.Null(source.LastRefreshError);
        Assert.Equal(_second.KeyId, Assert.Single(source.Current.Keys).KeyId);
    }

    [Fact]
    public async Task The_set_is_refreshed_in_the_background_once_it_is_older_than_the_interval()
    {
        _handler.Json(JwksUrl, PublicSet(_first));
        using JwksKeySource source = await CreateAsync();
        JsonWebKeySet old = source.Current;
        _handler.Json(JwksUrl, PublicSet(_first, _second));

        _clock.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        Assert.Same(old, source.Current);
        Assert.Equal(1, _handler.Count(JwksUrl));

        // The read that finds the set due still gets the old set: it never waits.
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(old, source.Current);
        await SettleAsync(source);

        Assert.Equal(2, _handler.Count(JwksUrl));
        Assert.Equal(2, source.Current.Keys.Count);
        Assert.Equal(_clock.GetUtcNow(), source.LoadedAt);
    }

    [Fact]
    public async Task A_callback_that_throws_does_not_escape()
    {
        _handler.Json(JwksUrl, PublicSet(_first));
        using JwksKeySource source =
            await CreateAsync(Options(_ => throw new InvalidOperationException("log sink down")));
        _handler.Status(JwksUrl, HttpStatusCode.NotFound);

        source.OnKeyNotFound();
        await SettleAsync(source);

        Assert.IsType<JsonWebKeyException>(source.LastRefreshError);
    }

    [Fact]
    public async Task After_dispose_no_refresh_starts_and_the_set_stays_readable()
    {
        _handler.Json(JwksUrl, PublicSet(_first));
        JwksKeySource source = await CreateAsync();
        JsonWebKeySet set = source.Current;

        source.Dispose();
        source.OnKeyNotFound();
        _clock.Advance(TimeSpan.FromDays(2));

        Assert.Same(set, source.Current);
        Assert.Null(source.PendingRefresh);
        Assert.Equal(1, _handler.Count(JwksUrl));
    }

    [Theory]
    [InlineData("http://idp.example/keys")]
    [InlineData("http://192.168.1.10/keys")]
    [InlineData("file:///etc/keys.json")]
    public async Task A_url_other_than_https_or_loopback_is_refused_without_a_request(string url)
    {
        JsonWebKeyException e = await Assert.ThrowsAsync<JsonWebKeyException>(
            () => JwksKeySource.CreateAsync(new Uri(url), _handler.CreateClient(), Options()));

        Assert.Contains("JWK Set URL", e.Message);
        Assert.Equal(0, _handler.Total);
    }

    [Fact]
    public async Task Loopback_over_plain_http_works_with_a_real_socket()
    {
        using LoopbackHttpServer server = new();
        server.Json("/jwks", PublicSet(_first));
        using HttpClient http = new();

        using JwksKeySource source =
            await JwksKeySource.CreateAsync(new Uri(server.BaseAddress, "/jwks"), http, Options());

        Assert.Equal(_first.KeyId, Assert.Single(source.Current.Keys).KeyId);
    }

    [Theory]
    [InlineData("""{"keys":[]}""", "holds no key")]
    [InlineData("""{"keys":{}}""", "must be an array")]
    [InlineData("""nope""", "not valid JSON")]
    public async Task A_set_that_is_unusable_at_start_up_throws(string body, string expected)
    {
        _handler.Json(JwksUrl, body);

        JsonWebKeyException e = await Assert.ThrowsAsync<JsonWebKeyException>(() => CreateAsync());

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public async Task The_response_size_bound_is_applied()
    {
        _handler.Json(JwksUrl, PublicSet(_first, _second));
        JwksKeySourceOptions options = Options();
        options.MaxResponseBytes = 200;

        JsonWebKeyException e = await Assert.ThrowsAsync<JsonWebKeyException>(() => CreateAsync(options));

        Assert.Contains("larger than 200 bytes", e.Message);
    }

    [Theory]
    [InlineData(0, 300)]
    [InlineData(-1, 300)]
    [InlineData(3600, -1)]
    public async Task Options_out_of_range_are_refused(int refreshSeconds, int minimumSeconds)
    {
        JwksKeySourceOptions options = Options();
        options.RefreshInterval = TimeSpan.FromSeconds(refreshSeconds);
        options.MinimumRefreshInterval = TimeSpan.FromSeconds(minimumSeconds);

        await Assert.ThrowsAsync<ArgumentException>(() => CreateAsync(options));
        Assert.Equal(0, _handler.Total);
    }

    [Fact]
    public async Task Validating_through_the_source_allocates_nothing()
    {
        // RS256: on Linux the platform's ECDSA verification allocates by itself, which would
        // hide what this test is about, the source's own cost per read.
        JsonWebKey first = JsonWebKey.Generate(JwtAlgorithm.RS256);
        JsonWebKey second = JsonWebKey.Generate(JwtAlgorithm.RS256);
        _handler.Json(JwksUrl, PublicSet(first));
        using JwksKeySource source = await CreateAsync();
        JwtValidator validator = Validator(source);
        long exp = _clock.GetUtcNow().ToUnixTimeSeconds() + 86400;
        string claims = $$"""{"iss":"{{Issuer}}","aud":"{{Audience}}","exp":{{exp}}}""";
        byte[] valid = Encoding.ASCII.GetBytes(JwtWriter.Create(first, JwtAlgorithm.RS256, claims));
        byte[] unknownKey = Encoding.ASCII.GetBytes(JwtWriter.Create(second, JwtAlgorithm.RS256, claims));

        // The first unknown kid spends the early refresh; from then on the rate limit holds
        // and the key-not-found path must cost nothing either.
        using (JwtValidationResult result = validator.Validate(unknownKey))
        {
            Assert.Equal(TokenStatus.KeyNotFound, result.Status);
        }

        await SettleAsync(source);
        for (int i = 0; i < 50; i++)
        {
            validator.Validate(valid).Dispose();
            validator.Validate(unknownKey).Dispose();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int validCount = 0;
        int notFoundCount = 0;
        for (int i = 0; i < 1000; i++)
        {
            using (JwtValidationResult result = validator.Validate(valid))
            {
                validCount += result.IsValid ? 1 : 0;
            }

            using (JwtValidationResult result = validator.Validate(unknownKey))
            {
                notFoundCount += result.Status == TokenStatus.KeyNotFound ? 1 : 0;
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(1000, validCount);
        Assert.Equal(1000, notFoundCount);
        Assert.Equal(2, _handler.Count(JwksUrl));
    }
}
