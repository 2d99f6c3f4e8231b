using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using FastToken.Benchmarks;
using FastToken.Benchmarks.Reporting;
using FastToken.Benchmarks.Suites;

// Usage:
//   dotnet run -c Release --project bench/FastToken.Benchmarks -- --quick
//   dotnet run -c Release --project bench/FastToken.Benchmarks [-- --filter *Validation*]
//   dotnet run -c Release --project bench/FastToken.Benchmarks -- --quick --filter *Stage*
// Any argument other than --quick goes to BenchmarkDotNet unchanged.
bool quick = args.Contains("--quick");
List<string> rest = [.. args.Where(a => a != "--quick")];
bool filtered = rest.Contains("--filter");
if (!filtered)
{
    rest.AddRange(["--filter", "*"]);
}

// With --quick and an explicit --filter, the quick job runs whatever the filter selects.
IConfig config = quick ? BenchmarkConfigs.Quick(everyCase: filtered) : BenchmarkConfigs.Full();
Type[] suites =
[
    typeof(ValidationBenchmarks),
    typeof(KeySetBenchmarks),
    typeof(TokenSizeBenchmarks),
    typeof(StageBenchmarks),
    typeof(ExtractionBenchmarks),
    typeof(EndToEndBenchmarks),
];

Summary[] summaries = [.. BenchmarkSwitcher.FromTypes(suites).Run([.. rest], config)];
if (summaries.Length == 0)
{
    return 1;
}

ResultSet results = ResultSet.From(summaries);
string report = quick ? RatioReport.Quick(results) : RatioReport.Full(results, VerdictMatrix.Build());
Console.WriteLine();
Console.WriteLine(report);

string path = Path.Combine(summaries[0].ResultsDirectoryPath, quick ? "FastToken-quick.md" : "FastToken-ratios.md");
File.WriteAllText(path, report);
Console.WriteLine($"Written to {path}");
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 2 : 0;
