using System.Globalization;

namespace FastToken.Benchmarks.Reporting;

/// <summary>Numbers as the tables show them.</summary>
internal static class Format
{
    public static string Time(double nanoseconds) => nanoseconds switch
    {
        < 10 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds:0.00} ns"),
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds:0} ns"),
        < 10_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000:0.00} µs"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000:0.0} µs"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000_000:0.00} ms"),
    };

    public static string Bytes(long? bytes) => bytes switch
    {
        null => "?",
        < 10_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} B"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB"),
    };

    public static string Ratio(double ratio) => string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}x");

    public static string Cell(Measurement? m) => m is null ? "—" : $"{Time(m.MedianNanoseconds)} / {Bytes(m.AllocatedBytes)}";

    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
