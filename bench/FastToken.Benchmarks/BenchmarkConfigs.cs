using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using FastToken.Benchmarks.Competitors;
using FastToken.Benchmarks.Fixtures;

namespace FastToken.Benchmarks;

/// <summary>The two ways to run the suite: quick, for a look while working; full, for publishing.</summary>
internal static class BenchmarkConfigs
{
    /// <summary>
    /// Every case in its own process, ten measured iterations after three warm-ups. Sized so the
    /// whole suite finishes in about half an hour on two cores.
    /// </summary>
    public static IConfig Full() => DefaultConfig.Instance
        .AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithIterationTime(TimeInterval.FromMilliseconds(120))
            .WithId("Full"))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddExporter(JsonExporter.Full)
        .AddFilter(new SimpleFilter(IsMeaningful));

    /// <summary>
    /// In this process, with few short iterations. Unless <paramref name="everyCase"/>, on the
    /// typical token only: FastToken, the baseline and the floor. Good for a ratio at a glance
    /// while working, not for publishing.
    /// </summary>
    public static IConfig Quick(bool everyCase) => DefaultConfig.Instance
        .AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(5)
            .WithIterationTime(TimeInterval.FromMilliseconds(60))
            .WithId("Quick"))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddExporter(JsonExporter.Full)
        .AddFilter(new SimpleFilter(c => IsMeaningful(c) && (everyCase || IsQuick(c))));

    /// <summary>Leaves out the cases that would measure nothing, or a library that cannot do the work.</summary>
    private static bool IsMeaningful(BenchmarkCase benchmark)
    {
        string method = benchmark.Descriptor.WorkloadMethod.Name;
        object? algorithm = Parameter(benchmark, "Algorithm");
        object? scenario = Parameter(benchmark, "Scenario");
        object? shape = Parameter(benchmark, "Shape");

        // The floor verifies the valid token's signature; a rejection has no floor.
        if (method == "Floor" && scenario is Scenario s && s != Scenario.Valid)
        {
            return false;
        }

        if (method == "JwtNet" && algorithm is JwtAlgorithm a && !JwtNetVerifier.Supports(a))
        {
            return false;
        }

        // Refusals decided by the header alone do not depend on the claims: the typical token is enough.
        return !(scenario is Scenario.AlgorithmNotAllowed or Scenario.WrongType && shape is TokenShape.Enterprise);
    }

    private static bool IsQuick(BenchmarkCase benchmark)
    {
        string method = benchmark.Descriptor.WorkloadMethod.Name;
        if (method is not ("Floor" or "FastToken" or "JsonWebTokenHandler"))
        {
            return false;
        }

        if (benchmark.Descriptor.Type == typeof(Suites.EndToEndBenchmarks))
        {
            return true;
        }

        if (benchmark.Descriptor.Type != typeof(Suites.ValidationBenchmarks))
        {
            return false;
        }

        if (Parameter(benchmark, "Shape") is not TokenShape.Typical)
        {
            return false;
        }

        // Every algorithm for the valid token; the rejections on HS256, where overhead shows most.
        return Parameter(benchmark, "Scenario") is Scenario.Valid ||
            Parameter(benchmark, "Algorithm") is JwtAlgorithm.HS256;
    }

    private static object? Parameter(BenchmarkCase benchmark, string name) =>
        benchmark.Parameters.Items.FirstOrDefault(p => p.Name == name)?.Value;
}
