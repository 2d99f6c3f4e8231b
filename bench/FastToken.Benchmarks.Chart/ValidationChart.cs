using System.Globalization;
using ScottPlot;

namespace FastToken.Benchmarks.Chart;

/// <summary>
/// One panel per algorithm, one bar per library: the library's median time over the crypto
/// floor for a valid typical token, labelled with that ratio and the bytes it allocated.
/// </summary>
internal static class ValidationChart
{
    private static readonly string[] s_algorithms = ["HS256", "RS256", "PS256", "ES256"];

    private static readonly (string Method, string Name, Color Color)[] s_libraries =
    [
        ("Floor", "crypto\nfloor", Color.FromHex("#9e9e9e")),
        ("FastToken", "FastToken", Color.FromHex("#1565c0")),
        ("JsonWebTokenHandler", "JsonWebToken\nHandler", Color.FromHex("#ef6c00")),
        ("JwtSecurityTokenHandler", "JwtSecurity\nTokenHandler", Color.FromHex("#c62828")),
        ("JoseJwt", "jose-jwt", Color.FromHex("#6a1b9a")),
        ("JwtNet", "JWT.Net", Color.FromHex("#5d4037")),
    ];

    public static void Save(BenchmarkExport export, string path)
    {
        Multiplot chart = new();
        chart.AddPlots(s_algorithms.Length);
        chart.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: 2, columns: 2);
        for (int i = 0; i < s_algorithms.Length; i++)
        {
            Draw(chart.GetPlot(i), export, s_algorithms[i]);
        }

        chart.SavePng(path, 1600, 1000);
    }

    private static void Draw(Plot plot, BenchmarkExport export, string algorithm)
    {
        ExportedCase? floor = Find(export, "Floor", algorithm);
        List<Bar> bars = [];
        List<Tick> ticks = [];
        double highest = 1;
        foreach ((string method, string name, Color color) in s_libraries)
        {
            ExportedCase? current = Find(export, method, algorithm);
            if (floor is null || current is null)
            {
                continue;
            }

            double ratio = current.MedianNanoseconds / floor.MedianNanoseconds;
            highest = Math.Max(highest, ratio);
            bars.Add(new Bar
            {
                Position = bars.Count,
                Value = ratio,
                FillColor = color,
                LineWidth = 0,
                Label = $"{ratio.ToString("0.00", CultureInfo.InvariantCulture)}x\n{Bytes(current.Allocated)}",
            });
            ticks.Add(new Tick(ticks.Count, name));
        }

        ScottPlot.Plottables.BarPlot plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = 14;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.Label.Text = "time ÷ crypto floor";
        plot.Axes.Left.Label.FontSize = 14;
        plot.Axes.SetLimitsY(0, highest * 1.25);
        plot.Axes.SetLimitsX(-0.6, bars.Count - 0.4);
        plot.Grid.XAxisStyle.IsVisible = false;
        plot.HideLegend();
        string floorTime = floor is null ? "not measured" : Time(floor.MedianNanoseconds);
        plot.Title($"{algorithm}, valid typical token (crypto floor {floorTime}; lower is better)", size: 15);
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
