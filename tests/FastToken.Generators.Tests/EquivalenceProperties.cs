using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using FastToken.Generators.Tests.Support;
using FastToken.Policies;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FastToken.Generators.Tests;

/// <summary>
/// On random policies and random claim sets, a generated policy and the same rules built with
/// <see cref="TokenPolicyBuilder"/> reach the same decision: status, failure and requirement.
/// The policies are drawn once from a fixed seed and compiled together, since compiling costs
/// far more than judging; the property then draws a policy and a claim set per case.
/// </summary>
public sealed class EquivalenceProperties
{
    private const int PolicyCount = 48;

    private static readonly string[] s_issuers = ["iss-a", "iss-b", "iss-c"];
    private static readonly string[] s_audiences = ["api-1", "api-2", "api-3"];
    private static readonly string[] s_scopes = ["read", "write", "admin", "lé"];
    private static readonly string[] s_roles = ["clerk", "manager", "admin"];
    private static readonly string[] s_tenants = ["t1", "t2", "t3"];
    private static readonly long[] s_levels = [1, 2, 3];
    private static readonly JwtAlgorithm[] s_hmac = [JwtAlgorithm.HS256, JwtAlgorithm.HS512];
    private static readonly JwtAlgorithm[] s_ecdsa = [JwtAlgorithm.ES256, JwtAlgorithm.ES384];

    private static readonly Lazy<CompiledPolicies> s_compiled = new(CompiledPolicies.Create);

    private static readonly JwtValidator s_validator = TestTokens.LenientValidator();

    [Property(MaxTest = 400)]
    public Property Generated_and_runtime_policies_decide_alike() =>
        Prop.ForAll(Arb.From(CaseGen()), c => Decide(c).Generated == Decide(c).Runtime);

    [Fact]
    public void The_cases_reach_every_kind_of_decision()
    {
        // Guards the property against a vocabulary in which everything fails the same way.
        HashSet<string> kinds = [];
        foreach (Case c in CaseGen().Sample(1500, new Rnd(7), 20))
        {
            (string generated, string runtime) = Decide(c);
            Assert.Equal(generated, runtime);
            kinds.Add(generated.Split('|')[0] == "Valid" ? generated.Split('|')[1] : generated.Split('|')[0]);
        }

        string[] expected =
        [
            "None", "Scope", "Role", "ClaimValue", "TokenAge", "IssuerInvalid", "AudienceInvalid",
            "AlgorithmNotAllowed", "TypeInvalid", "Expired",
        ];
        Assert.All(expected, kind => Assert.Contains(kind, kinds));
    }

    private static (string Generated, string Runtime) Decide(Case c)
    {
        CompiledPolicies compiled = s_compiled.Value;
        string token = c.Claims.Sign();
        string generated = compiled.Run(c.Policy, s_validator, token);
        string runtime = Describe(compiled.Runtime[c.Policy].Validate(s_validator, token));
        return (generated, runtime);
    }

    private static string Describe(TokenPolicyResult result)
    {
        using (result)
        {
            return $"{result.Status}|{result.Failure}|{result.Requirement}";
        }
    }

    private static Gen<Case> CaseGen() =>
        from policy in Gen.Choose(0, PolicyCount - 1)
        from claims in ClaimSetGen()
        select new Case(policy, claims);

    private static Gen<T[]> Subset<T>(T[] values) => Gen.SubListOf(values).Select(list => list.ToArray());

    /// <summary>Absent two times in three, so that a policy holds a few requirements, not all.</summary>
    private static Gen<T?> Seldom<T>(Gen<T> gen)
        where T : class => Gen.OneOf(Gen.Constant<T?>(null), Gen.Constant<T?>(null), gen.Select(v => (T?)v));

    private static Gen<PolicySpec> PolicyGen() =>
        from issuers in Rarely(Subset(s_issuers))
        from audiences in Rarely(Subset(s_audiences))
        from algorithms in Gen.OneOf(Rarely(Subset(s_hmac)), Rarely(Subset(s_ecdsa)))
        from type in Gen.Elements<string?>(null, null, "at+jwt", "JWT")
        from scopes in Seldom(NonEmpty(s_scopes))
        from scopesAny in Gen.Elements(true, false)
        from roles in Seldom(NonEmpty(s_roles))
        from rolesAny in Gen.Elements(true, false)
        from roleClaim in Gen.Elements<string?>(null, "app_roles")
        from tenants in Seldom(NonEmpty(s_tenants))
        from levels in Gen.OneOf(Gen.Constant<long[]?>(null), Gen.Constant<long[]?>(null), NonEmpty(s_levels).Select(v => (long[]?)v))
        from mfa in Gen.Elements<bool?>(null, null, null, true, false)
        from maxAge in Gen.Elements<int?>(null, null, 60, 3600)
        from skew in Gen.Elements<int?>(null, 0, 10, 60)
        select new PolicySpec(
            issuers, audiences, algorithms, type, scopes, scopesAny, roles, rolesAny, roleClaim, tenants, levels, mfa, maxAge, skew);

    /// <summary>An empty array half the time, so that a policy holds a few requirements, not all.</summary>
    private static Gen<T[]> Rarely<T>(Gen<T[]> gen) => Gen.OneOf(Gen.Constant(Array.Empty<T>()), gen);

    private static Gen<T[]> NonEmpty<T>(T[] values) => Subset(values).Where(list => list.Length > 0);

    private static Gen<ClaimSet> ClaimSetGen()
    {
        Gen<JsonNode?> strings(string[] vocabulary) => Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            Gen.Constant<JsonNode?>(new JsonArray([.. vocabulary.Select(s => (JsonNode)JsonValue.Create(s)!)])),
            Gen.Elements(vocabulary).Select(v => (JsonNode?)JsonValue.Create(v)),
            Subset(vocabulary).Select(v => (JsonNode?)new JsonArray([.. v.Select(s => (JsonNode)JsonValue.Create(s)!)])),
            Gen.Constant<JsonNode?>(JsonValue.Create(17)));
        Gen<JsonNode?> scopeString = Gen.OneOf(
            Gen.Constant<JsonNode?>(JsonValue.Create(string.Join(" ", s_scopes))),
            Subset(s_scopes).Select(v => (JsonNode?)JsonValue.Create(string.Join(" ", v))),
            Subset(s_scopes).Select(v => (JsonNode?)JsonValue.Create(" " + string.Join("  ", v) + " ")),
            strings(s_scopes));
        Gen<JsonNode?> time(params long[] offsets) => Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            Gen.Elements(offsets).Select(o => (JsonNode?)JsonValue.Create(TestTokens.Now + o)));

        return
            from iss in Gen.OneOf(Gen.Constant<JsonNode?>(null), Gen.Elements(s_issuers).Select(v => (JsonNode?)JsonValue.Create(v)))
            from aud in Gen.OneOf(
                Gen.Constant<JsonNode?>(null),
                Gen.Elements(s_audiences).Select(v => (JsonNode?)JsonValue.Create(v)),
                Subset(s_audiences).Select(v => (JsonNode?)new JsonArray([.. v.Select(s => (JsonNode)JsonValue.Create(s)!)])))
            from scope in Gen.OneOf(Gen.Constant<JsonNode?>(null), scopeString)
            from scp in strings(s_scopes)
            from roles in strings(s_roles)
            from role in strings(s_roles)
            from appRoles in strings(s_roles)
            from tenant in strings(s_tenants)
            from level in Gen.OneOf(
                Gen.Constant<JsonNode?>(null),
                Gen.Elements(1L, 2L, 3L, 4L).Select(v => (JsonNode?)JsonValue.Create(v)),
                Gen.Constant<JsonNode?>(JsonValue.Create("2")),
                Gen.Constant<JsonNode?>(JsonValue.Create(2.5)))
            from mfa in Gen.Elements<JsonNode?>(null, JsonValue.Create(true), JsonValue.Create(false), JsonValue.Create("true"))
            from iat in time(0, 0, -100, -3000, -4000, 100)
            from exp in time(-40, -5, 5, 600, 600, 600)
            from nbf in Gen.OneOf(Gen.Constant<JsonNode?>(null), time(-10, 5, 40))
            from algorithm in Gen.Elements(JwtAlgorithm.HS256, JwtAlgorithm.HS512, JwtAlgorithm.ES256)
            from type in Gen.Elements<string?>("at+jwt", "application/AT+JWT", "JWT", null)
            select new ClaimSet(
                new Dictionary<string, JsonNode?>
                {
                    ["iss"] = iss, ["aud"] = aud, ["scope"] = scope, ["scp"] = scp, ["roles"] = roles, ["role"] = role,
                    ["app_roles"] = appRoles, ["tenant"] = tenant, ["level"] = level, ["mfa"] = mfa, ["iat"] = iat,
                    ["exp"] = exp, ["nbf"] = nbf,
                },
                algorithm,
                type);
    }

    /// <summary>One property case: which compiled policy, and which claims.</summary>
    public sealed record Case(int Policy, ClaimSet Claims)
    {
        public override string ToString() => $"policy {Policy}: {Claims}";
    }

    /// <summary>A claim set, with the algorithm and type to sign it with.</summary>
    public sealed record ClaimSet(Dictionary<string, JsonNode?> Members, JwtAlgorithm Algorithm, string? Type)
    {
        public string Json()
        {
            JsonObject json = [];
            foreach ((string name, JsonNode? value) in Members)
            {
                if (value is not null)
                {
                    json[name] = value.DeepClone();
                }
            }

            return json.ToJsonString();
        }

        public string Sign() => TestTokens.Sign(Algorithm, Json(), Type);

        public override string ToString() => $"{Algorithm} {Type ?? "-"} {Json()}";
    }

    /// <summary>A random policy, rendered both as attributes and as builder calls.</summary>
    public sealed record PolicySpec(
        string[] Issuers,
        string[] Audiences,
        JwtAlgorithm[] Algorithms,
        string? Type,
        string[]? Scopes,
        bool ScopesAny,
        string[]? Roles,
        bool RolesAny,
        string? RoleClaim,
        string[]? Tenants,
        long[]? Levels,
        bool? Mfa,
        int? MaxAge,
        int? Skew)
    {
        public string ToSource(string name)
        {
            static string List(IEnumerable<string> values) => string.Join(", ", values.Select(v => SymbolDisplay.FormatLiteral(v, true)));
            StringBuilder source = new("[TokenPolicy]\n");
            if (Issuers.Length > 0)
            {
                source.Append($"[RequireIssuer({List(Issuers)})]\n");
            }

            if (Audiences.Length > 0)
            {
                source.Append($"[RequireAudience({List(Audiences)})]\n");
            }

            if (Algorithms.Length > 0)
            {
                source.Append($"[AllowAlgorithms({List(Algorithms.Select(a => a.ToString()))})]\n");
            }

            if (Type is not null)
            {
                source.Append($"[RequireType({List([Type])})]\n");
            }

            if (Scopes is not null)
            {
                source.Append($"[RequireScopes({List(Scopes)}, Matching = RequirementMatch.{(ScopesAny ? "Any" : "All")})]\n");
            }

            if (Roles is not null)
            {
                string claim = RoleClaim is null ? string.Empty : $", ClaimName = {List([RoleClaim])}";
                source.Append($"[RequireRoles({List(Roles)}, Matching = RequirementMatch.{(RolesAny ? "Any" : "All")}{claim})]\n");
            }

            if (Tenants is not null)
            {
                source.Append($"[RequireClaim(\"tenant\", {List(Tenants)})]\n");
            }

            if (Levels is not null)
            {
                source.Append($"[RequireClaim(\"level\", {string.Join(", ", Levels.Select(l => l + "L"))})]\n");
            }

            if (Mfa is bool mfa)
            {
                source.Append($"[RequireClaim(\"mfa\", {(mfa ? "true" : "false")})]\n");
            }

            if (MaxAge is int maxAge)
            {
                source.Append($"[MaxTokenAge({maxAge})]\n");
            }

            if (Skew is int skew)
            {
                source.Append($"[ClockSkew({skew})]\n");
            }

            return source.Append($"public static partial class {name} {{ }}\n").ToString();
        }

        public TokenPolicy ToRuntime()
        {
            TokenPolicyBuilder builder = new();
            if (Issuers.Length > 0)
            {
                builder.RequireIssuer(Issuers);
            }

            if (Audiences.Length > 0)
            {
                builder.RequireAudience(Audiences);
            }

            if (Algorithms.Length > 0)
            {
                builder.AllowAlgorithms(Algorithms);
            }

            if (Type is not null)
            {
                builder.RequireType(Type);
            }

            if (Scopes is not null)
            {
                builder.RequireScopes(Scopes, ScopesAny ? RequirementMatch.Any : RequirementMatch.All);
            }

            if (Roles is not null)
            {
                builder.RequireRoles(Roles, RolesAny ? RequirementMatch.Any : RequirementMatch.All, RoleClaim);
            }

            if (Tenants is not null)
            {
                builder.RequireClaim("tenant", Tenants);
            }

            if (Levels is not null)
            {
                builder.RequireClaim("level", Levels);
            }

            if (Mfa is bool mfa)
            {
                builder.RequireClaim("mfa", mfa);
            }

            if (MaxAge is int maxAge)
            {
                builder.MaxTokenAge(TimeSpan.FromSeconds(maxAge));
            }

            if (Skew is int skew)
            {
                builder.ClockSkew(TimeSpan.FromSeconds(skew));
            }

            return builder.Build();
        }
    }

    /// <summary>The sampled policies, generated and compiled into one assembly, beside their runtime twins.</summary>
    private sealed class CompiledPolicies
    {
        private readonly MethodInfo _run;

        private CompiledPolicies(MethodInfo run, TokenPolicy[] runtime)
        {
            _run = run;
            Runtime = runtime;
        }

        public TokenPolicy[] Runtime { get; }

        public string Run(int policy, JwtValidator validator, string token) =>
            (string)_run.Invoke(null, [policy, validator, token])!;

        public static CompiledPolicies Create()
        {
            // FsCheck's Sample takes the number of values first, then the seed, then the size.
            PolicySpec[] specs = [.. PolicyGen().Sample(PolicyCount, new Rnd(20250101), 20)];
            Assert.Equal(PolicyCount, specs.Length);
            StringBuilder source = new("using FastToken;\nusing FastToken.Policies;\n\nnamespace Random;\n\n");
            for (int i = 0; i < specs.Length; i++)
            {
                source.Append(specs[i].ToSource("P" + i)).Append('\n');
            }

            source.Append("public static class Dispatch\n{\n");
            source.Append("    public static string Run(int index, JwtValidator validator, string token) => index switch\n    {\n");
            for (int i = 0; i < specs.Length; i++)
            {
                source.Append($"        {i} => Describe(P{i}.Validate(validator, token)),\n");
            }

            source.Append("        _ => throw new System.ArgumentOutOfRangeException(nameof(index)),\n    };\n\n");
            source.Append("    private static string Describe(TokenPolicyResult result)\n    {\n");
            source.Append("        using (result)\n        {\n");
            source.Append("            return $\"{result.Status}|{result.Failure}|{result.Requirement}\";\n        }\n    }\n}\n");

            GeneratorOutcome outcome = GeneratorHarness.Run(source.ToString());
            Assert.Empty(outcome.GeneratorDiagnostics);
            using MemoryStream image = new();
            var emitted = outcome.Compilation.Emit(image);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            Assembly assembly = Assembly.Load(image.ToArray());
            MethodInfo run = assembly.GetType("Random.Dispatch")!.GetMethod("Run")!;
            return new CompiledPolicies(run, [.. specs.Select(s => s.ToRuntime())]);
        }
    }
}
