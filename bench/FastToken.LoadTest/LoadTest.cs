using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace FastToken.LoadTest;

/// <summary>
/// Runs wrk against the same app authenticated by FastToken and by JwtBearer, alternating them
/// for several rounds in one process, and reports the median requests per second and the bytes
/// allocated per request.
/// </summary>
internal static partial class LoadTest
{
    private const int WarmUpSeconds = 3;

    public static async Task<int> RunAsync(int seconds, int connections, int rounds, string output)
    {
        if (!File.Exists("/usr/bin/wrk"))
        {
            Console.Error.WriteLine("wrk is not installed: apt-get install wrk");
            return 2;
        }

        Tokens tokens = new();
        string anyToken = tokens.Create(JwtAlgorithm.HS256);
        Row floor = await MeasureAsync(
            Stack.None, tokens, anyToken, JwtAlgorithm.HS256, "/protected", seconds, connections);
        Console.WriteLine(floor);
        Row framework = await MeasureAsync(
            Stack.FixedPrincipal, tokens, anyToken, JwtAlgorithm.HS256, "/protected", seconds, connections);
        Console.WriteLine(framework);

        List<Row> rows = [];
        foreach (string path in (string[])["/protected", "/me"])
        {
            foreach (JwtAlgorithm algorithm in (JwtAlgorithm[])[JwtAlgorithm.ES256, JwtAlgorithm.HS256])
            {
                string token = tokens.Create(algorithm);

                // Alternate the stacks, so that a slow spell of a shared machine hits both.
                for (int round = 0; round < rounds; round++)
                {
                    foreach (Stack stack in (Stack[])[Stack.JwtBearer, Stack.FastToken])
                    {
                        Row row = await MeasureAsync(stack, tokens, token, algorithm, path, seconds, connections);
                        Console.WriteLine(row);
                        rows.Add(row);
                    }
                }
            }
        }

        string report = Report(floor, framework, rows, seconds, connections, rounds);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, report);
        Console.WriteLine();
        Console.WriteLine(report);
        return rows.All(row => row.Failures == 0) ? 0 : 1;
    }

    private static async Task<Row> MeasureAsync(
        Stack stack,
        Tokens tokens,
        string token,
        JwtAlgorithm algorithm,
        string path,
        int seconds,
        int connections)
    {
        await using TargetApp app = await TargetApp.StartAsync(stack, tokens, FreePort());
        string url = app.Address + path;

        // Warm up: JIT, pools, connection setup; not counted.
        await WrkAsync(url, token, WarmUpSeconds, connections);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        long requestsBefore = app.Requests;
        long bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        WrkResult result = await WrkAsync(url, token, seconds, connections);
        long bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
        long served = app.Requests - requestsBefore;

        double perRequest = served == 0 ? 0 : bytes / (double)served;
        return new Row(stack, algorithm, path, result.RequestsPerSecond, perRequest, result.Failures);
    }

    private static async Task<WrkResult> WrkAsync(string url, string token, int seconds, int connections)
    {
        ProcessStartInfo start = new("/usr/bin/wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments = ["-t2", $"-c{connections}", $"-d{seconds}s", "-H", "Authorization: Bearer " + token, url];
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process wrk = Process.Start(start)!;
        string text = await wrk.StandardOutput.ReadToEndAsync();
        string errors = await wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();

        Match rate = RequestsPerSecond().Match(text);
        Match failures = NonSuccess().Match(text);
        if (!rate.Success)
        {
            throw new InvalidOperationException("wrk printed no rate:\n" + text + errors);
        }

        return new WrkResult(
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            failures.Success ? long.Parse(failures.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
    }

    private static string Report(Row floor, Row framework, List<Row> rows, int seconds, int connections, int rounds)
    {
        StringBuilder md = new();
        md.AppendLine("# Throughput: FastToken against JwtBearer on the same app");
        md.AppendLine();
        md.AppendLine(
            I($"Measured {DateTime.UtcNow:yyyy-MM-dd} with ")
            + I($"`dotnet run -c Release --project bench/FastToken.LoadTest -- {seconds} {connections} {rounds}`: ")
            + I($"wrk with 2 threads and {connections} connections on loopback, {seconds} s per run after a ")
            + I($"{WarmUpSeconds} s warm-up, {rounds} alternating runs per stack and token, ")
            + I($"{Environment.ProcessorCount} cores shared by wrk and the server, .NET {Environment.Version}, ")
            + "server GC without DATAS.");
        md.AppendLine();
        md.AppendLine("- req/s is the median of the runs; B/req is what the whole server process allocated per");
        md.AppendLine("  request served (Kestrel, routing, authentication, authorization, the endpoint), averaged.");
        md.AppendLine("- `/protected` needs an authenticated caller; `/me` also reads the name claim, which makes");
        md.AppendLine("  FastToken build its claims.");
        md.AppendLine(
            I($"- Floors: the same app without authentication serves {floor.RequestsPerSecond:N0} req/s at ")
            + I($"{floor.BytesPerRequest:N0} B/req; with a handler that accepts every request with an empty ")
            + I($"principal and checks nothing, {framework.RequestsPerSecond:N0} req/s at ")
            + I($"{framework.BytesPerRequest:N0} B/req. That second floor is what ASP.NET Core's ")
            + "authentication and authorization cost under any handler.");
        md.AppendLine();
        md.AppendLine("| Endpoint | Token | JwtBearer req/s | FastToken req/s | Ratio "
            + "| JwtBearer B/req | FastToken B/req | Ratio |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var group in rows.GroupBy(row => (row.Path, row.Algorithm)))
        {
            Row[] bearer = [.. group.Where(row => row.Stack == Stack.JwtBearer)];
            Row[] fast = [.. group.Where(row => row.Stack == Stack.FastToken)];
            double bearerRate = Median(bearer.Select(row => row.RequestsPerSecond));
            double fastRate = Median(fast.Select(row => row.RequestsPerSecond));
            double bearerBytes = bearer.Average(row => row.BytesPerRequest);
            double fastBytes = fast.Average(row => row.BytesPerRequest);
            md.AppendLine(
                I($"| `{group.Key.Path}` | {group.Key.Algorithm} | {bearerRate:N0} | {fastRate:N0} | ")
                + I($"{fastRate / bearerRate:0.00}x | {bearerBytes:N0} | {fastBytes:N0} | ")
                + I($"{bearerBytes / fastBytes:0.0}x less |"));
        }

        // Every run, so that the spread on a busy machine is there to see.
        md.AppendLine();
        md.AppendLine("Every run:");
        md.AppendLine();
        md.AppendLine("```text");
        foreach (Row row in (Row[])[floor, framework, .. rows])
        {
            md.AppendLine(row.ToString());
        }

        md.AppendLine("```");
        return md.ToString();
    }

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static int FreePort()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+([0-9]+)")]
    private static partial Regex NonSuccess();

    private readonly record struct WrkResult(double RequestsPerSecond, long Failures);

    private readonly record struct Row(
        Stack Stack,
        JwtAlgorithm Algorithm,
        string Path,
        double RequestsPerSecond,
        double BytesPerRequest,
        long Failures)
    {
        public override string ToString()
            => $"{Stack,-14} {Algorithm} {Path,-10} {RequestsPerSecond,10:N0} req/s {BytesPerRequest,8:N0} B/req"
                + (Failures == 0 ? string.Empty : $"  {Failures} non-2xx!");
    }
}
