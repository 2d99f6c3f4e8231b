namespace FastToken.Policies;

/// <summary>
/// Builds a <see cref="TokenPolicy"/> from rules known only at run time. Each method mirrors a
/// policy attribute, and <see cref="Build"/> refuses what the generator refuses at compile time.
/// </summary>
/// <example>
/// <code>
/// TokenPolicy policy = new TokenPolicyBuilder()
///     .RequireIssuer("https://login.example.com")
///     .RequireAudience("orders")
///     .RequireScopes("orders.read")
///     .Build();
/// using TokenPolicyResult result = policy.Validate(validator, token);
/// </code>
/// </example>
public sealed class TokenPolicyBuilder
{
    /// <summary>The most scopes, roles or claim requirements one runtime policy may list.</summary>
    public const int MaxValues = 64;

    private static readonly string[] s_defaultRoleClaims = ["roles", "role"];

    private readonly List<ClaimRule> _claims = [];
    private readonly List<string> _problems = [];

    internal IReadOnlyList<string> Issuers { get; private set; } = [];

    internal IReadOnlyList<string> Audiences { get; private set; } = [];

    internal IReadOnlyList<JwtAlgorithm> Algorithms { get; private set; } = [];

    internal string? Type { get; private set; }

    internal IReadOnlyList<string> Scopes { get; private set; } = [];

    internal RequirementMatch ScopeMatch { get; private set; }

    internal IReadOnlyList<string> Roles { get; private set; } = [];

    internal RequirementMatch RoleMatch { get; private set; }

    internal string? RoleClaim { get; private set; }

    internal IReadOnlyList<ClaimRule> Claims => _claims;

    internal TimeSpan? MaxAge { get; private set; }

    internal TimeSpan? Skew { get; private set; }

    /// <summary>Requires <c>iss</c> to be one of <paramref name="issuers"/> (RFC 7519 4.1.1).</summary>
    /// <param name="issuers">The accepted issuers.</param>
    /// <returns>This builder.</returns>
    public TokenPolicyBuilder RequireIssuer(params string[] issuers)
    {
        Once(Issuers.Count == 0, "RequireIssuer");
        Issuers = Checked(issuers, "issuer");
        return this;
    }

    /// <summary>Requires <c>aud</c> to name one of <paramref name="audiences"/> (RFC 7519 4.1.3).</summary>
    /// <param name="audiences">The accepted audiences.</param>
    /// <returns>This builder.</returns>
    public TokenPolicyBuilder RequireAudience(params string[] audiences)
    {
        Once(Audiences.Count == 0, "RequireAudience");
        Audiences = Checked(audiences, "audience");
        return this;
    }

    /// <summary>
    /// Allows only <paramref name="algorithms"/>; HMAC and asymmetric ones may not be mixed (RFC 8725 2.1).
    /// </summary>
    /// <param name="algorithms">The allowed algorithms.</param>
    /// <returns>This builder.</returns>
    public TokenPolicyBuilder AllowAlgorithms(params JwtAlgorithm[] algorithms)
    {
        ArgumentNullException.ThrowIfNull(algorithms);
        Once(Algorithms.Count == 0, "AllowAlgorithms");
        if (algorithms.Length == 0)
        {
            _problems.Add("AllowAlgorithms names no algorithm: name the ones the issuer signs with.");
        }

        foreach (JwtAlgorithm algorithm in algorithms)
        {
            if (algorithm == JwtAlgorithm.Unknown || !Enum.IsDefined(algorithm))
            {
                _problems.Add($"'{algorithm}' is not an algorithm FastToken verifies.");
            }
        }

        if (algorithms.Distinct().Count() != algorithms.Length)
        {
            _problems.Add("An algorithm is allowed twice: remove the repetition.");
        }

        if (algorithms.Any(JwtAlgorithms.IsHmac) && !algorithms.All(JwtAlgorithms.IsHmac))
        {
            _problems.Add("HMAC and asymmetric algorithms are mixed, which invites key confusion: allow one family.");
        }

        Algorithms = [.. algorithms];
        return this;
    }

    /// <summary>Requires the header <c>typ</c>, e.g. <c>at+jwt</c> (RFC 9068 2.1).</summary>
    /// <param name="type">The media type.</param>
    /// <returns>This builder.</returns>
    public TokenPolicyBuilder RequireType(string type)
    {
        Once(Type is null, "RequireType");
        Type = Checked([type], "type")[0];
        return this;
    }

    /// <summary>Requires all of <paramref name="scopes"/>, from <c>scope</c> or <c>scp</c>.</summary>
    /// <param name="scopes">The scopes.</param>
    /// <returns>This builder.</returns>
    public TokenPolicyBuilder RequireScopes(params string[] scopes) => RequireScopes(scopes, RequirementMatch.All);

    /// <summary>Requires <paramref name="scopes"/>, all or any, from <c>scope</c> or <c>scp</c>.</summary>
    /// <param name="scopes">The scopes.</param>
    /// <param name="match">All of them, or any one.</param>
    /// <returns>This builder.</returns>
    public TokenPolicyBuilder RequireScopes(IEnumerable<string> scopes, RequirementMatch match)
    {
        Once(Scopes.Count == 0, "RequireScopes");
        Scopes = Checked(scopes, "scope");
        ScopeMatch = match;
        return this;
    }

    /// <summary>Requires all of <paramref name="roles"/>, from <c>roles</c> or <c>role</c>.</summary>
    /// <param name="roles">The roles.</param>
    /// <returns>This builder.</returns>
    public TokenPolicyBuilder RequireRoles(params string[] roles) => RequireRoles(roles, RequirementMatch.All);

    /// <summary>Requires <paramref name="roles"/>, all or any.</summary>
    /// <param name="roles">The roles.</param>
    /// <param name="match">All of them, or any one.</param>
    /// <param name="claimName">
    /// The one claim that carries roles; <see langword="null"/> reads <c>roles</c> and <c>role</c>.
    /// </param>
    /// <returns>This builder.</returns>
    public TokenPolicyBuilder RequireRoles(IEnumerable<string> roles, RequirementMatch match, string? claimName = null)
    {
        Once(Roles.Count == 0, "RequireRoles");
        Roles = Checked(roles, "role");
        RoleMatch = match;
        RoleClaim = claimName is null ? null : Checked([claimName], "role claim name")[0];
        return this;
    }

    /// <summary>Requires the string claim <paramref name="name"/> to be one of <paramref name="values"/>.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="values">The accepted values.</param>
    /// <returns>This builder.</returns>
    public TokenPolicyBuilder RequireClaim(string name, params string[] values)
    {
        string claim = Checked([name], "claim name")[0];
        _claims.Add(ClaimRule.ForStrings(claim, Checked(values, $"value of claim '{name}'")));
        return this;
    }

    /// <summary>Requires the integer claim <paramref name="name"/> to be one of <paramref name="values"/>.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="values">The accepted values.</param>
    /// <returns>This builder.</returns>
    public TokenPolicyBuilder RequireClaim(string name, params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            _problems.Add($"RequireClaim('{name}') names no value: list the accepted values.");
        }

        if (values.Distinct().Count() != values.Length)
        {
            _problems.Add($"A value of claim '{name}' is required twice: remove the repetition.");
        }

        _claims.Add(ClaimRule.ForIntegers(Checked([name], "claim name")[0], values));
        return this;
    }

    /// <summary>Requires the boolean claim <paramref name="name"/> to be <paramref name="value"/>.</summary>
    /// <param name="name">The claim name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public TokenPolicyBuilder RequireClaim(string name, bool value)
    {
        _claims.Add(ClaimRule.ForBoolean(Checked([name], "claim name")[0], value));
        return this;
    }

    /// <summary>Limits the token's age, from <c>iat</c>, which becomes required (RFC 7519 4.1.6).</summary>
    /// <param name="maxAge">The oldest acceptable age; positive.</param>
    /// <returns>This builder.</returns>
    public TokenPolicyBuilder MaxTokenAge(TimeSpan maxAge)
    {
        Once(MaxAge is null, "MaxTokenAge");
        if (maxAge <= TimeSpan.Zero)
        {
            _problems.Add("MaxTokenAge must be positive: give the oldest acceptable token age.");
        }

        MaxAge = maxAge;
        return this;
    }

    /// <summary>Sets the policy's clock skew; <c>exp</c>, <c>nbf</c> and the token age are judged with it.</summary>
    /// <param name="skew">The skew; zero or more.</param>
    /// <returns>This builder.</returns>
    public TokenPolicyBuilder ClockSkew(TimeSpan skew)
    {
        Once(Skew is null, "ClockSkew");
        if (skew < TimeSpan.Zero)
        {
            _problems.Add("ClockSkew must not be negative: use zero for none.");
        }

        Skew = skew;
        return this;
    }

    /// <summary>Builds the policy.</summary>
    /// <returns>The immutable policy.</returns>
    /// <exception cref="ArgumentException">
    /// A rule is empty, repeated or contradicts another; the message lists every problem.
    /// </exception>
    public TokenPolicy Build()
    {
        List<string> problems = [.. _problems];
        HashSet<string> checkedElsewhere = new(StringComparer.Ordinal);
        AddClaimsCheckedBy(checkedElsewhere);
        Dictionary<string, ClaimRule> byName = new(StringComparer.Ordinal);
        foreach (ClaimRule rule in _claims)
        {
            if (checkedElsewhere.Contains(rule.Name))
            {
                problems.Add(
                    $"Claim '{rule.Name}' is already checked by another requirement: remove the RequireClaim.");
            }
            else if (byName.TryGetValue(rule.Name, out ClaimRule? earlier))
            {
                problems.Add(earlier.ValuesKey == rule.ValuesKey
                    ? $"Claim '{rule.Name}' is required twice: remove the repetition."
                    : $"Claim '{rule.Name}' is required with different values, which no token can satisfy: " +
                      "merge them.");
            }
            else
            {
                byName.Add(rule.Name, rule);
            }
        }

        if (_claims.Count > MaxValues)
        {
            problems.Add($"A runtime policy may require at most {MaxValues} claims.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("The token policy is not valid: " + string.Join(" ", problems));
        }

        return new TokenPolicy(this);
    }

    private void AddClaimsCheckedBy(HashSet<string> names)
    {
        if (Issuers.Count > 0)
        {
            names.Add("iss");
        }

        if (Audiences.Count > 0)
        {
            names.Add("aud");
        }

        if (Scopes.Count > 0)
        {
            names.Add("scope");
            names.Add("scp");
        }

        if (Roles.Count > 0)
        {
            names.UnionWith(RoleClaim is null ? s_defaultRoleClaims : [RoleClaim]);
        }
    }

    private void Once(bool first, string requirement)
    {
        if (!first)
        {
            _problems.Add($"{requirement} is given twice: give it once, with every value.");
        }
    }

    private string[] Checked(IEnumerable<string> values, string what)
    {
        ArgumentNullException.ThrowIfNull(values);
        string[] list = [.. values];
        if (list.Length == 0)
        {
            _problems.Add($"No {what} is given: name at least one.");
        }

        if (list.Length > MaxValues)
        {
            _problems.Add($"More than {MaxValues} values for {what}: a runtime policy allows at most {MaxValues}.");
        }

        foreach (string value in list)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                _problems.Add($"An empty or white-space {what} is given: remove it or write the intended one.");
            }
        }

        if (list.Distinct(StringComparer.Ordinal).Count() != list.Length)
        {
            _problems.Add($"A {what} is given twice: remove the repetition.");
        }

        return list;
    }
}
