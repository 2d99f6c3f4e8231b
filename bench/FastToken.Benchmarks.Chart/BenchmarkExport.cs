using System.Text.Json;

namespace FastToken.Benchmarks.Chart;

/// <summary>One case of BenchmarkDotNet's full JSON export: method, parameters, mean and allocations.</summary>
internal sealed record ExportedCase(string Method, IReadOnlyDictionary<string, string> Parameters, double MedianNanoseconds, long Allocated)
{
    public string this[string name] => Parameters.TryGetValue(name, out string? value) ? value : "";
}

/// <summary>The parts of a BenchmarkDotNet JSON export the chart needs.</summary>
internal sealed class BenchmarkExport
{
    private BenchmarkExport(string processor, string runtime, List<ExportedCase> cases)
    {
        Processor = processor;
        Runtime = runtime;
        Cases = cases;
    }

    public string Processor { get; }

    public string Runtime { get; }

    public IReadOnlyList<ExportedCase> Cases { get; }

    public static BenchmarkExport Load(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using JsonDocument document = JsonDocument.Parse(stream);
        JsonElement root = document.RootElement;
        JsonElement host = root.GetProperty("HostEnvironmentInfo");
        List<ExportedCase> cases = [];
        foreach (JsonElement benchmark in root.GetProperty("Benchmarks").EnumerateArray())
        {
            // A case that failed has no statistics; it is left out of the chart.
            if (!benchmark.TryGetProperty("Statistics", out JsonElement statistics) || statistics.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            Dictionary<string, string> parameters = [];
            foreach (string pair in (benchmark.GetProperty("Parameters").GetString() ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int equals = pair.IndexOf('=', StringComparison.Ordinal);
                parameters[pair[..equals]] = pair[(equals + 1)..];
            }

            long allocated = benchmark.TryGetProperty("Memory", out JsonElement memory)
                ? memory.GetProperty("BytesAllocatedPerOperation").GetInt64()
                : 0;
            cases.Add(new ExportedCase(
                benchmark.GetProperty("Method").GetString() ?? "",
                parameters,
                statistics.GetProperty("Median").GetDouble(),
                allocated));
        }

        return new BenchmarkExport(
            host.GetProperty("ProcessorName").GetString() ?? "",
            host.GetProperty("RuntimeVersion").GetString() ?? "",
            cases);
    }
}
