using FastToken.Benchmarks.Chart;

// Draws the README chart from BenchmarkDotNet's JSON export of the validation suite.
// Usage: dotnet run --project bench/FastToken.Benchmarks.Chart -- <results folder or report-full.json> <output.png>
if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: FastToken.Benchmarks.Chart <results folder or *-report-full.json> <output.png>");
    return 64;
}

string input = args[0];
if (Directory.Exists(input))
{
    input = Directory.GetFiles(input, "*ValidationBenchmarks-report-full.json").SingleOrDefault() ?? "";
}

if (!File.Exists(input))
{
    Console.Error.WriteLine($"No ValidationBenchmarks JSON export found at '{args[0]}'.");
    return 66;
}

BenchmarkExport export = BenchmarkExport.Load(input);
ValidationChart.Save(export, args[1]);
Console.WriteLine($"Wrote {args[1]}");
return 0;
