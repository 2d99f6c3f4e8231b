using System.Globalization;
using ScottPlot;

namespace FastToken.Benchmarks.Chart;

/// <summary>
/// Two panels, one bar per library, each bar the library's time over the crypto floor for
/// a valid typical token: HMAC on the left, where library overhead dominates, and the
/// public-key algorithms on the right, where the signature check does.
/// </summary>
internal static class ValidationChart
{
    private static readonly (string Method, string Name, Color Color)[] s_libraries =
    [
        ("Floor", "Crypto floor", Color.FromHex("#9e9e9e")),
        ("FastToken", "FastToken", Color.FromHex("#1565c0")),
        ("JsonWebTokenHandler", "JsonWebTokenHandler", Color.FromHex("#ef6c00")),
        ("JwtSecurityTokenHandler", "JwtSecurityTokenHandler", Color.FromHex("#c62828")),
        ("JoseJwt", "jose-jwt", Color.FromHex("#6a1b9a")),
        ("JwtNet", "JWT.Net", Color.FromHex("#5d4037")),
    ];

    public static void Save(BenchmarkExport export, string path)
    {
        Multiplot chart = new();
        chart.AddPlots(2);
        chart.Layout = new ScottPlot.MultiplotLayouts.Columns();
        Draw(chart.GetPlot(0), export, ["HS256"], showLegend: false);
        Draw(chart.GetPlot(1), export, ["RS256", "PS256", "ES256"], showLegend: true);
        chart.GetPlot(0).YLabel("Time ÷ crypto floor (lower is better)");
        chart.SavePng(path, 1500, 640);
    }

    private static void Draw(Plot plot, BenchmarkExport export, string[] algorithms, bool showLegend)
    {
        int slots = s_libraries.Length + 1;
        List<Tick> ticks = [];
        List<string> floors = [];
        double highest = 0;
        foreach ((string method, string name, Color color) in s_libraries)
        {
            List<Bar> bars = [];
            for (int a = 0; a < algorithms.Length; a++)
            {
                ExportedCase? floor = Find(export, "Floor", algorithms[a]);
                ExportedCase? current = Find(export, method, algorithms[a]);
                if (floor is null || current is null)
                {
                    continue;
                }

                double ratio = current.MedianNanoseconds / floor.MedianNanoseconds;
                highest = Math.Max(highest, ratio);
                bars.Add(new Bar
                {
                    Position = (a * slots) + Array.FindIndex(s_libraries, l => l.Method == method),
                    Value = ratio,
                    FillColor = color,
                    LineWidth = 0,
                    Label = $"{ratio.ToString("0.00", CultureInfo.InvariantCulture)}x\n{Bytes(current.Allocated)}",
                });
            }

            if (bars.Count == 0)
            {
                continue;
            }

            ScottPlot.Plottables.BarPlot plottable = plot.Add.Bars(bars);
            plottable.LegendText = name;
            plottable.ValueLabelStyle.FontSize = algorithms.Length == 1 ? 15 : 12;
        }

        for (int a = 0; a < algorithms.Length; a++)
        {
            ticks.Add(new Tick((a * slots) + ((s_libraries.Length - 1) / 2.0), algorithms[a]));
            if (Find(export, "Floor", algorithms[a]) is { } floor)
            {
                floors.Add($"{algorithms[a]} {Time(floor.MedianNanoseconds)}");
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 16;
        plot.Axes.SetLimitsY(0, highest * 1.18);
        plot.Axes.SetLimitsX(-0.8, (algorithms.Length * slots) - 1.2);
        plot.Title($"Valid typical token; crypto floor = {string.Join(", ", floors)}", size: 15);
        plot.Grid.XAxisStyle.IsVisible = false;
        if (showLegend)
        {
            plot.ShowLegend(Alignment.UpperLeft);
            plot.Legend.FontSize = 13;
        }
        else
        {
            plot.HideLegend();
        }
    }

    private static ExportedCase? Find(BenchmarkExport export, string method, string algorithm) =>
        export.Cases.FirstOrDefault(c =>
            c.Method == method && c["Algorithm"] == algorithm && c["Shape"] == "Typical" && c["Scenario"] == "Valid");

    private static string Time(double nanoseconds) => nanoseconds < 1000
        ? $"{nanoseconds.ToString("0", CultureInfo.InvariantCulture)} ns"
        : $"{(nanoseconds / 1000).ToString(nanoseconds < 10_000 ? "0.00" : "0.0", CultureInfo.InvariantCulture)} µs";

    private static string Bytes(long bytes) => bytes < 10_000
        ? $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} B"
        : $"{(bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} KB";
}
