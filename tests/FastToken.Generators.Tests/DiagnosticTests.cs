using FastToken.Generators.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace FastToken.Generators.Tests;

/// <summary>One test per diagnostic: its id, and the span it points at.</summary>
public sealed class DiagnosticTests
{
    private const string Usings = "using System;\nusing FastToken;\nusing FastToken.Policies;\n";

    [Fact]
    public void FT0001_policy_not_partial() => AssertSingle("FT0001", """
        [TokenPolicy]
        [RequireScopes("read")]
        public struct [|Plain|]
        {
        }
        """);

    [Fact]
    public void FT0001_containing_type_not_partial() => AssertSingle("FT0001", """
        public static class [|Outer|]
        {
            [TokenPolicy]
            [RequireScopes("read")]
            public partial struct Inner
            {
            }
        }
        """);

    [Fact]
    public void FT0002_whitespace_scope() => AssertSingle("FT0002", """
        [TokenPolicy]
        [RequireScopes("read", [|"  "|])]
        public partial struct P
        {
        }
        """);

    [Fact]
    public void FT0002_empty_issuer_list() => AssertSingle("FT0002", """
        [TokenPolicy]
        [[|RequireIssuer()|]]
        public partial struct P
        {
        }
        """);

    [Fact]
    public void FT0002_empty_claim_name() => AssertSingle("FT0002", """
        [TokenPolicy]
        [RequireClaim([|""|], "x")]
        public partial struct P
        {
        }
        """);

    [Fact]
    public void FT0003_algorithm_none() => AssertSingle("FT0003", """
        [TokenPolicy]
        [AllowAlgorithms("ES256", [|"none"|])]
        public partial struct P
        {
        }
        """);

    [Fact]
    public void FT0004_unknown_algorithm() => AssertSingle("FT0004", """
        [TokenPolicy]
        [AllowAlgorithms([|"es256"|])]
        public partial struct P
        {
        }
        """);

    [Fact]
    public void FT0005_hmac_and_asymmetric_mixed() => AssertSingle("FT0005", """
        [TokenPolicy]
        [[|AllowAlgorithms("HS256", "RS256")|]]
        public partial struct P
        {
        }
        """);

    [Fact]
    public void FT0006_scope_repeated() => AssertSingle("FT0006", """
        [TokenPolicy]
        [RequireScopes("read", "write", [|"read"|])]
        public partial struct P
        {
        }
        """);

    [Fact]
    public void FT0006_claim_requirement_repeated() => AssertSingle("FT0006", """
        [TokenPolicy]
        [RequireClaim("tier", "gold", "silver")]
        [[|RequireClaim("tier", "silver", "gold")|]]
        public partial struct P
        {
        }
        """);

    [Fact]
    public void FT0007_claim_values_contradict() => AssertSingle("FT0007", """
        [TokenPolicy]
        [RequireClaim("tier", "gold")]
        [[|RequireClaim("tier", "bronze")|]]
        public partial struct P
        {
        }
        """);

    [Fact]
    public void FT0007_claim_checked_twice_by_different_requirements() => AssertSingle("FT0007", """
        [TokenPolicy]
        [RequireScopes("read")]
        [[|RequireClaim("scp", "read")|]]
        public partial struct P
        {
        }
        """);

    [Fact]
    public void FT0008_unsupported_claim_type() => AssertSingle("FT0008", """
        [TokenPolicy]
        public partial struct P
        {
            [Claim("tenant")]
            public partial [|string|] Tenant { get; }
        }
        """);

    [Fact]
    public void FT0009_non_positive_max_age() => AssertSingle("FT0009", """
        [TokenPolicy]
        [MaxTokenAge([|0|])]
        public partial struct P
        {
        }
        """);

    [Fact]
    public void FT0010_negative_clock_skew() => AssertSingle("FT0010", """
        [TokenPolicy]
        [ClockSkew([|-5|])]
        public partial struct P
        {
        }
        """);

    [Fact]
    public void FT0011_claim_member_not_partial() => AssertSingle("FT0011", """
        [TokenPolicy]
        public partial struct P
        {
            [Claim("tier")]
            public long? [|Tier|] { get; }
        }
        """);

    [Fact]
    public void FT0012_class_policy_captures_claims() => AssertSingle("FT0012", """
        [TokenPolicy]
        public partial class P
        {
            [Claim("tier")]
            public partial long? [|Tier|] { get; }
        }
        """);

    [Fact]
    public void FT0013_generic_policy() => AssertSingle("FT0013", """
        [TokenPolicy]
        public partial struct [|P|]<T>
        {
        }
        """);

    [Fact]
    public void Messages_say_how_to_fix()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(Usings + """
            [TokenPolicy]
            [AllowAlgorithms("none")]
            [MaxTokenAge(-1)]
            public partial struct P
            {
            }
            """);

        Assert.Collection(
            outcome.GeneratorDiagnostics.OrderBy(d => d.Id),
            d => Assert.Contains("name the algorithms the issuer signs with", d.GetMessage()),
            d => Assert.Contains("give the oldest acceptable token age", d.GetMessage()));
        Assert.All(outcome.GeneratorDiagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public void Invalid_policy_leaves_only_its_own_errors_even_where_it_is_used()
    {
        // User code that calls the policy and reads its claims must not add errors of its own.
        GeneratorOutcome outcome = GeneratorHarness.Run(Usings + """
            [TokenPolicy]
            [RequireScopes("")]
            public readonly partial struct P
            {
                [Claim("tenant")]
                public partial ReadOnlySpan<byte> Tenant { get; }

                [Claim("name")]
                public partial string Name { get; }
            }

            public static class Use
            {
                public static bool Run(JwtValidator validator, string token)
                {
                    using TokenPolicyResult result = P.Validate(validator, token);
                    return result.IsAuthorized && default(P).Tenant.IsEmpty && default(P).Name is null;
                }
            }
            """);

        Assert.Equal(["FT0002", "FT0008"], outcome.GeneratorDiagnostics.Select(d => d.Id).Order());
        Assert.Empty(outcome.CompilationErrors);
        Assert.DoesNotContain("__Judge", outcome.GeneratedSource("P.g.cs"));
    }

    [Fact]
    public void Valid_policy_compiles_without_diagnostics()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(Usings + """
            namespace Shop
            {
                public partial class Outer
                {
                    [TokenPolicy]
                    [RequireIssuer("https://login.example.com")]
                    [RequireScopes("read")]
                    [AllowAlgorithms("ES256", "ES384")]
                    public readonly ref partial struct Inner
                    {
                        [Claim("tenant")]
                        internal partial ReadOnlySpan<byte> Tenant { get; }
                    }
                }
            }
            """);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.Compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    private static void AssertSingle(string id, string markup)
    {
        (string source, TextSpan span) = Markup.Parse(Usings + markup);

        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Diagnostic diagnostic = Assert.Single(outcome.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        FileLinePositionSpan expected = CSharpLineSpan(source, span);
        Assert.Equal(expected.Span, diagnostic.Location.GetLineSpan().Span);
        Assert.Equal("Policy0.cs", diagnostic.Location.GetLineSpan().Path);
    }

    private static FileLinePositionSpan CSharpLineSpan(string source, TextSpan span)
    {
        SourceText text = SourceText.From(source);
        return new FileLinePositionSpan("Policy0.cs", text.Lines.GetLinePositionSpan(span));
    }
}
