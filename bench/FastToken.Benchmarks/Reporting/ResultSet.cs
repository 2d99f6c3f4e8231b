using BenchmarkDotNet.Reports;

namespace FastToken.Benchmarks.Reporting;

/// <summary>
/// One benchmark case's outcome: the median time (robust to a neighbour's burst of work on a
/// shared machine) and the bytes allocated per operation.
/// </summary>
internal sealed record Measurement(
    string Suite,
    string Method,
    IReadOnlyDictionary<string, string> Parameters,
    double MedianNanoseconds,
    long? AllocatedBytes)
{
    public string this[string parameter] => Parameters.TryGetValue(parameter, out string? value) ? value : "";
}

/// <summary>The measurements of one run, found by suite, method and parameters.</summary>
internal sealed class ResultSet
{
    private readonly List<Measurement> _measurements;

    private ResultSet(List<Measurement> measurements) => _measurements = measurements;

    public IReadOnlyList<Measurement> All => _measurements;

    public static ResultSet From(IEnumerable<Summary> summaries)
    {
        List<Measurement> measurements = [];
        foreach (Summary summary in summaries)
        {
            foreach (BenchmarkReport report in summary.Reports)
            {
                if (report.ResultStatistics is not { } statistics)
                {
                    continue;
                }

                Dictionary<string, string> parameters = report.BenchmarkCase.Parameters.Items
                    .ToDictionary(p => p.Name, p => p.Value?.ToString() ?? "");
                measurements.Add(new Measurement(
                    report.BenchmarkCase.Descriptor.Type.Name,
                    report.BenchmarkCase.Descriptor.WorkloadMethod.Name,
                    parameters,
                    statistics.Median,
                    report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase)));
            }
        }

        return new ResultSet(measurements);
    }

    /// <summary>The measurement of a method whose parameters include every given pair, or <see langword="null"/>.</summary>
    public Measurement? Find(string suite, string method, params (string Name, object Value)[] parameters) =>
        _measurements.FirstOrDefault(m =>
            m.Suite == suite && m.Method == method && parameters.All(p => m[p.Name] == p.Value.ToString()));

    /// <summary>The distinct values a parameter took in a suite, in the order they were run.</summary>
    public IReadOnlyList<string> Values(string suite, string parameter) =>
        [.. _measurements.Where(m => m.Suite == suite && m.Parameters.ContainsKey(parameter)).Select(m => m[parameter]).Distinct()];
}
