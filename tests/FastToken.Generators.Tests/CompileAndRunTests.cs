using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastToken.Generators.Tests.Policies;
using FastToken.Generators.Tests.Support;
using FastToken.Policies;

namespace FastToken.Generators.Tests;

/// <summary>The policies in Policies/, compiled by the generator, judging tokens signed here.</summary>
public sealed class CompileAndRunTests
{
    private static readonly JwtValidator s_validator = TestTokens.LenientValidator(TimeSpan.FromMinutes(5));

    public static TheoryData<string, PolicyFailure, string> PermissionFailures => new()
    {
        { """{"scope":"profile orders.read"}""", PolicyFailure.Scope, "orders.read orders.write" },
        { """{"scope":"orders.read  orders.writer"}""", PolicyFailure.Scope, "orders.read orders.write" },
        { """{"roles":["auditor"]}""", PolicyFailure.Role, "clerk manager" },
        { """{"roles":"Clerk"}""", PolicyFailure.Role, "clerk manager" },
        { """{"tier":"bronze"}""", PolicyFailure.ClaimValue, "tier" },
        { """{"tier":["gold"]}""", PolicyFailure.ClaimValue, "tier" },
        { """{"level":"3"}""", PolicyFailure.ClaimValue, "level" },
        { """{"level":3.0}""", PolicyFailure.ClaimValue, "level" },
        { """{"mfa":false}""", PolicyFailure.ClaimValue, "mfa" },
        { """{"mfa":null}""", PolicyFailure.ClaimValue, "mfa" },
    };

    public static TheoryData<string, TokenStatus> TokenFailures => new()
    {
        { """{"iss":"https://evil.example.com"}""", TokenStatus.IssuerInvalid },
        { """{"aud":"billing"}""", TokenStatus.AudienceInvalid },
        { """{"aud":[]}""", TokenStatus.AudienceInvalid },
        // Inside the validator's five minutes, outside the policy's ten seconds.
        { $$"""{"exp":{{TestTokens.Now - 20}}}""", TokenStatus.Expired },
        { $$"""{"nbf":{{TestTokens.Now + 20}}}""", TokenStatus.NotYetValid },
    };

    [Fact]
    public void Token_meeting_every_requirement_is_authorized_and_its_claims_captured()
    {
        using TokenPolicyResult result = OrdersWrite.Validate(s_validator, Token(), out OrdersWrite claims);

        Assert.True(result.IsAuthorized, result.Failure + " " + result.Status);
        Assert.Equal(PolicyFailure.None, result.Failure);
        Assert.Equal("user-7", Encoding.UTF8.GetString(claims.Subject));
        Assert.Equal("acmé", Encoding.UTF8.GetString(claims.Tenant));
        Assert.Equal(["admins", "staff"], Strings(claims.Groups));
        Assert.Equal(12, claims.Seat);
        Assert.True(claims.Beta);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(TestTokens.Now - 600), claims.AuthTime);
    }

    [Fact]
    public void Absent_or_mistyped_captured_claims_read_as_empty()
    {
        string token = Token(claims => claims.Remove("tenant"), """{"seat":"twelve","beta":1,"groups":[1,2],"auth_time":"x"}""");

        using TokenPolicyResult result = OrdersWrite.Validate(s_validator, token, out OrdersWrite claims);

        Assert.True(result.IsAuthorized);
        Assert.True(claims.Tenant.IsEmpty);
        Assert.Null(claims.Seat);
        Assert.False(claims.Beta);
        Assert.True(claims.Groups.IsEmpty);
        Assert.Null(claims.AuthTime);
    }

    [Theory]
    [MemberData(nameof(PermissionFailures))]
    public void Missing_permission_is_forbidden_and_keeps_the_claims(string change, PolicyFailure failure, string requirement)
    {
        using TokenPolicyResult result = OrdersWrite.Validate(s_validator, Token(change: change), out OrdersWrite claims);

        Assert.False(result.IsAuthorized);
        Assert.True(result.IsForbidden);
        Assert.Equal(TokenStatus.Valid, result.Status);
        Assert.Equal(failure, result.Failure);
        Assert.Equal(requirement, result.Requirement);
        Assert.Equal(403, result.Error.HttpStatus);
        Assert.Equal(TokenError.InsufficientScope, result.Error.Code);
        Assert.Equal("user-7", Encoding.UTF8.GetString(claims.Subject));
    }

    [Theory]
    [MemberData(nameof(TokenFailures))]
    public void Token_failing_a_token_rule_is_invalid_and_has_no_claims(string change, TokenStatus status)
    {
        using TokenPolicyResult result = OrdersWrite.Validate(s_validator, Token(change: change), out OrdersWrite claims);

        Assert.Equal(status, result.Status);
        Assert.Equal(PolicyFailure.InvalidToken, result.Failure);
        Assert.False(result.IsForbidden);
        Assert.Equal(401, result.Error.HttpStatus);
        Assert.True(claims.Subject.IsEmpty);
        Assert.Null(claims.Seat);
    }

    [Theory]
    [InlineData(-3700)]
    [InlineData(60)]
    public void Token_too_old_or_issued_in_the_future_fails_its_age(long offset)
    {
        string token = Token(change: $$"""{"iat":{{TestTokens.Now + offset}}}""");

        using TokenPolicyResult result = OrdersWrite.Validate(s_validator, token);

        Assert.Equal(PolicyFailure.TokenAge, result.Failure);
        Assert.Equal(TokenStatus.Valid, result.Status);
        Assert.Equal(401, result.Error.HttpStatus);
    }

    [Fact]
    public void Token_without_iat_fails_its_age()
    {
        using TokenPolicyResult result = OrdersWrite.Validate(s_validator, Token(claims => claims.Remove("iat")));

        Assert.Equal(PolicyFailure.TokenAge, result.Failure);
    }

    [Fact]
    public void Algorithm_outside_the_policy_is_refused()
    {
        string token = TestTokens.Sign(JwtAlgorithm.HS256, Claims().ToJsonString());

        using TokenPolicyResult result = OrdersWrite.Validate(s_validator, token);

        Assert.Equal(TokenStatus.AlgorithmNotAllowed, result.Status);
    }

    [Theory]
    [InlineData("JWT", TokenStatus.TypeInvalid)]
    [InlineData(null, TokenStatus.TypeInvalid)]
    [InlineData("application/AT+JWT", TokenStatus.Valid)]
    public void Type_is_compared_as_a_media_type(string? type, TokenStatus expected)
    {
        string token = TestTokens.Sign(JwtAlgorithm.ES256, Claims().ToJsonString(), type);

        using TokenPolicyResult result = OrdersWrite.Validate(s_validator, token);

        Assert.Equal(expected, result.Status);
    }

    [Fact]
    public void Bad_signature_passes_the_validator_status_through()
    {
        string token = Token();
        token = token[..^4] + (token[^4] == 'A' ? "B" : "A") + token[^3..];

        using TokenPolicyResult result = OrdersWrite.Validate(s_validator, token, out OrdersWrite claims);

        Assert.Equal(TokenStatus.SignatureInvalid, result.Status);
        Assert.Equal(PolicyFailure.InvalidToken, result.Failure);
        Assert.Equal(default, claims.Seat);
    }

    [Fact]
    public void Scopes_are_read_after_unescaping_and_from_scp_arrays()
    {
        // "orders\u002eread" is "orders.read" once unescaped (RFC 8259 7).
        string escaped = Token(change: """{"scope":"orders\u002eread orders.write"}""");
        string array = Token(claims => claims.Remove("scope"), """{"scp":["orders.write",7,["x"],"orders.read"]}""");
        string split = Token(claims => claims.Remove("scope"), """{"scope":"orders.read","scp":["orders.write"]}""");

        foreach (string token in new[] { escaped, array, split })
        {
            using TokenPolicyResult result = OrdersWrite.Validate(s_validator, token);
            Assert.True(result.IsAuthorized, result.Failure.ToString());
        }
    }

    [Fact]
    public void Roles_may_come_from_role_as_one_string()
    {
        string token = Token(claims => claims.Remove("roles"), """{"role":"manager"}""");

        using TokenPolicyResult result = OrdersWrite.Validate(s_validator, token);

        Assert.True(result.IsAuthorized, result.Failure.ToString());
    }

    [Fact]
    public void Captured_views_end_with_the_result()
    {
        TokenPolicyResult result = OrdersWrite.Validate(s_validator, Token(), out OrdersWrite claims);
        Assert.Equal(6, claims.Subject.Length);

        result.Dispose();

        Assert.Throws<ObjectDisposedException>(() => claims.Subject.Length);
        Assert.Equal(12, claims.Seat);
    }

    [Fact]
    public void Forbidden_challenge_names_the_required_scope()
    {
        using TokenPolicyResult result = OrdersWrite.Validate(s_validator, Token(change: """{"scope":"orders.read"}"""));

        Assert.Equal("orders.read orders.write", result.RequiredScope);
        Assert.Equal(
            "Bearer realm=\"api\", error=\"insufficient_scope\", error_description=\"The token lacks a required scope.\", " +
            "scope=\"orders.read orders.write\"",
            result.GetChallenge("api"));
    }

    [Fact]
    public void Validation_options_from_the_policy_agree_with_it()
    {
        JwtValidationOptions options = OrdersWrite.CreateValidationOptions(TestTokens.Keys);
        options.TimeProvider = TestTokens.Clock();
        JwtValidator validator = new(options);

        using TokenPolicyResult good = OrdersWrite.Validate(validator, Token());
        using JwtValidationResult hmac = validator.Validate(TestTokens.Sign(JwtAlgorithm.HS256, Claims().ToJsonString()));
        using JwtValidationResult issuer = validator.Validate(Token(change: """{"iss":"https://evil.example.com"}"""));

        Assert.True(good.IsAuthorized);
        Assert.Equal(TokenStatus.AlgorithmNotAllowed, hmac.Status);
        Assert.Equal(TokenStatus.IssuerInvalid, issuer.Status);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ClockSkew);
        Assert.Equal("at+jwt", options.RequiredType);
    }

    [Fact]
    public void Static_class_policy_checks_rules_without_captures()
    {
        string anyScope = TestTokens.Sign(
            JwtAlgorithm.HS256, """{"iss":"https://login.example.com","scp":["reports.admin"]}""", type: null);
        string noScope = TestTokens.Sign(
            JwtAlgorithm.HS256, """{"iss":"https://login.example.com","scope":"reports"}""", type: null);

        using TokenPolicyResult granted = ReportsRead.Validate(s_validator, Encoding.ASCII.GetBytes(anyScope));
        using TokenPolicyResult refused = ReportsRead.Validate(s_validator, noScope);

        Assert.True(granted.IsAuthorized);
        Assert.Equal(PolicyFailure.Scope, refused.Failure);
        Assert.Equal("reports.read reports.admin", refused.Requirement);
    }

    [Fact]
    public void Runtime_policy_with_the_same_rules_agrees_on_these_tokens()
    {
        TokenPolicy runtime = new TokenPolicyBuilder()
            .RequireIssuer("https://login.example.com", "https://login2.example.com")
            .RequireAudience("orders")
            .AllowAlgorithms(JwtAlgorithm.ES256, JwtAlgorithm.RS256)
            .RequireType("at+jwt")
            .RequireScopes("orders.read", "orders.write")
            .RequireRoles(["clerk", "manager"], RequirementMatch.Any)
            .RequireClaim("tier", "gold", "silver")
            .RequireClaim("level", 2, 3)
            .RequireClaim("mfa", true)
            .MaxTokenAge(TimeSpan.FromHours(1))
            .ClockSkew(TimeSpan.FromSeconds(10))
            .Build();
        List<string> tokens = [Token(), Token(claims => claims.Remove("iat"))];
        tokens.AddRange(PermissionFailures.Select(row => Token(change: (string)row[0])));
        tokens.AddRange(TokenFailures.Select(row => Token(change: (string)row[0])));

        foreach (string token in tokens)
        {
            using TokenPolicyResult generated = OrdersWrite.Validate(s_validator, token);
            using TokenPolicyResult built = runtime.Validate(s_validator, token);
            Assert.Equal((generated.Status, generated.Failure, generated.Requirement), (built.Status, built.Failure, built.Requirement));
        }
    }

    [Fact]
    public void Captures_read_back_from_indented_claims_with_escapes()
    {
        // Indented: white space after every colon and comma; the default encoder escapes "é".
        string json = Claims().ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Assert.Contains("\": \"acm\\u00E9\"", json, StringComparison.OrdinalIgnoreCase);

        using TokenPolicyResult result = OrdersWrite.Validate(
            s_validator, TestTokens.Sign(JwtAlgorithm.ES256, json), out OrdersWrite claims);

        Assert.True(result.IsAuthorized, result.Failure + " " + result.Status);
        Assert.Equal("user-7", Encoding.UTF8.GetString(claims.Subject));
        Assert.Equal("acmé", Encoding.UTF8.GetString(claims.Tenant));
        Assert.Equal(["admins", "staff"], Strings(claims.Groups));
        Assert.Equal(12, claims.Seat);
    }

    [Fact]
    public void Policy_reading_no_claim_judges_the_token_age_alone()
    {
        // Five minutes of age plus the validator's five minutes of skew.
        using TokenPolicyResult fresh = FreshOnly.Validate(s_validator, Token());
        using TokenPolicyResult old = FreshOnly.Validate(
            s_validator, Token(change: $$"""{"iat":{{TestTokens.Now - 3600}}}"""));

        Assert.True(fresh.IsAuthorized, fresh.Failure + " " + fresh.Status);
        Assert.Equal(PolicyFailure.TokenAge, old.Failure);
    }

    [Theory]
    [InlineData("""{"r\u00e9gion":"eu","country":"FR"}""", PolicyFailure.None, "FR")]
    [InlineData("""{"région":"us","country":"US"}""", PolicyFailure.ClaimValue, "US")]
    [InlineData("""{"region":"eu","country":"FR"}""", PolicyFailure.ClaimValue, "FR")]
    [InlineData("""{"région":"eu"}""", PolicyFailure.None, "")]
    public void Non_ascii_claim_names_are_matched_beside_ascii_names_as_long(
        string json,
        PolicyFailure failure,
        string country)
    {
        string token = TestTokens.Sign(JwtAlgorithm.ES256, json);

        using TokenPolicyResult result = RegionalAccess.Validate(s_validator, token, out RegionalAccess claims);

        Assert.Equal(TokenStatus.Valid, result.Status);
        Assert.Equal(failure, result.Failure);
        Assert.Equal(country, Encoding.UTF8.GetString(claims.Country));
    }

    internal static JsonObject Claims() => new()
    {
        ["iss"] = "https://login.example.com",
        ["aud"] = new JsonArray("other", "orders"),
        ["sub"] = "user-7",
        ["tenant"] = "acmé",
        ["groups"] = new JsonArray("admins", "staff"),
        ["seat"] = 12,
        ["beta"] = true,
        ["auth_time"] = TestTokens.Now - 600,
        ["scope"] = "profile orders.read orders.write",
        ["roles"] = new JsonArray("clerk"),
        ["tier"] = "gold",
        ["level"] = 3,
        ["mfa"] = true,
        ["iat"] = TestTokens.Now - 60,
        ["exp"] = TestTokens.Now + 600,
    };

    /// <summary>Signs the standard claims, changed by <paramref name="edit"/> and then by the members of <paramref name="change"/>.</summary>
    internal static string Token(Action<JsonObject>? edit = null, string? change = null)
    {
        JsonObject claims = Claims();
        edit?.Invoke(claims);
        string json = claims.ToJsonString();
        if (change is not null)
        {
            // Members are replaced textually, so that escapes in the test survive as written.
            JsonObject changes = JsonNode.Parse(change)!.AsObject();
            foreach (string name in changes.Select(p => p.Key).ToList())
            {
                claims.Remove(name);
            }

            json = claims.ToJsonString()[..^1] + (claims.Count > 0 ? "," : string.Empty) + change[1..];
        }

        return TestTokens.Sign(JwtAlgorithm.ES256, json);
    }

    private static List<string> Strings(JwtStringArray values)
    {
        List<string> list = [];
        foreach (ReadOnlySpan<byte> value in values)
        {
            list.Add(Encoding.UTF8.GetString(value));
        }

        return list;
    }
}
