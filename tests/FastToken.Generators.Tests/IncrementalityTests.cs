using System.Collections;
using System.Reflection;
using FastToken.Generators.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FastToken.Generators.Tests;

/// <summary>A second run after an unrelated edit must reuse every step's output.</summary>
public sealed class IncrementalityTests
{
    private const string Policy = """
        using System;
        using FastToken;
        using FastToken.Policies;

        [TokenPolicy]
        [RequireIssuer("https://login.example.com")]
        [RequireScopes("read", "write")]
        [RequireClaim("tier", "gold")]
        [MaxTokenAge(600)]
        public readonly partial struct Access
        {
            [Claim("tenant")]
            public partial ReadOnlySpan<byte> Tenant { get; }
        }

        [TokenPolicy]
        [RequireScopes("")]
        public partial struct Broken
        {
        }

        public static class Helper
        {
            public static int Answer() => 41;
        }
        """;

    private static readonly string[] s_steps = [TrackingNames.Parse, TrackingNames.Diagnostics, TrackingNames.Model];

    [Fact]
    public void Unrelated_edit_in_another_file_leaves_every_step_cached()
    {
        CSharpCompilation first = GeneratorHarness.Compile(Policy, "public static class Other { }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);

        SyntaxTree other = first.SyntaxTrees.Last();
        CSharpCompilation second = first.ReplaceSyntaxTree(
            other, CSharpSyntaxTree.ParseText("public static class Other { public static int X => 1; }", GeneratorHarness.ParseOptions, other.FilePath));
        GeneratorRunResult run = driver.RunGenerators(second).GetRunResult().Results.Single();

        AssertEveryStepReused(run);
    }

    [Fact]
    public void Unrelated_edit_in_the_policy_file_leaves_every_step_cached_or_unchanged()
    {
        CSharpCompilation first = GeneratorHarness.Compile(Policy);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);

        SyntaxTree tree = first.SyntaxTrees.Single();
        CSharpCompilation second = first.ReplaceSyntaxTree(
            tree, CSharpSyntaxTree.ParseText(Policy.Replace("=> 41", "=> 42"), GeneratorHarness.ParseOptions, tree.FilePath));
        GeneratorRunResult run = driver.RunGenerators(second).GetRunResult().Results.Single();

        AssertEveryStepReused(run);
        Assert.All(s_steps, step => Assert.Contains(step, run.TrackedSteps.Keys));
    }

    [Fact]
    public void Changing_a_requirement_runs_the_steps_again()
    {
        CSharpCompilation first = GeneratorHarness.Compile(Policy);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);

        SyntaxTree tree = first.SyntaxTrees.Single();
        CSharpCompilation second = first.ReplaceSyntaxTree(
            tree, CSharpSyntaxTree.ParseText(Policy.Replace("\"gold\"", "\"silver\""), GeneratorHarness.ParseOptions, tree.FilePath));
        GeneratorRunResult run = driver.RunGenerators(second).GetRunResult().Results.Single();

        Assert.Contains(
            run.TrackedSteps[TrackingNames.Model].SelectMany(s => s.Outputs),
            output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("silver", run.GeneratedSources.Single(s => s.HintName == "Access.g.cs").SourceText.ToString());
    }

    [Fact]
    public void Step_outputs_hold_no_symbols_syntax_or_compilations()
    {
        GeneratorRunResult run = GeneratorHarness.CreateDriver()
            .RunGenerators(GeneratorHarness.Compile(Policy)).GetRunResult().Results.Single();

        foreach (string step in s_steps)
        {
            foreach (IncrementalGeneratorRunStep runStep in run.TrackedSteps[step])
            {
                foreach ((object value, IncrementalStepRunReason _) in runStep.Outputs)
                {
                    AssertPlainValues(value, new HashSet<object>(ReferenceEqualityComparer.Instance), step);
                }
            }
        }
    }

    private static void AssertEveryStepReused(GeneratorRunResult run)
    {
        // The compiler's own steps inside ForAttributeWithMetadataName see the new compilation and
        // are modified by design; the generator's steps, named in TrackingNames, must not be.
        foreach (string name in s_steps)
        {
            foreach (IncrementalGeneratorRunStep step in run.TrackedSteps[name])
            {
                foreach ((object _, IncrementalStepRunReason reason) in step.Outputs)
                {
                    Assert.True(
                        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"Step {name} output was {reason}.");
                }
            }
        }

        foreach ((string name, var steps) in run.TrackedOutputSteps)
        {
            Assert.All(
                steps.SelectMany(s => s.Outputs),
                output => Assert.True(output.Reason == IncrementalStepRunReason.Cached, $"Output {name} was {output.Reason}."));
        }
    }

    /// <summary>Walks an output's object graph: anything from Roslyn's semantic or syntax world would pin a compilation.</summary>
    private static void AssertPlainValues(object? value, HashSet<object> seen, string step)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(
            value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel or Location,
            $"Step {step} holds a {value.GetType().Name}.");
        if (value is IEnumerable items)
        {
            foreach (object? item in items)
            {
                AssertPlainValues(item, seen, step);
            }

            return;
        }

        if (value is DiagnosticDescriptor || value.GetType().Namespace?.StartsWith("Microsoft.CodeAnalysis.Text", StringComparison.Ordinal) == true)
        {
            return;
        }

        foreach (FieldInfo field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertPlainValues(field.GetValue(value), seen, step);
        }
    }
}
