using System.Text;
using FastToken.Benchmarks.Fixtures;
using FastToken.Benchmarks.Suites;

namespace FastToken.Benchmarks.Reporting;

/// <summary>
/// The tables a reader wants: FastToken against the crypto floor and against the baseline,
/// with allocations, and the issue's targets marked met or missed.
/// </summary>
internal static class RatioReport
{
    private const string Validation = nameof(ValidationBenchmarks);
    private const string KeySet = nameof(KeySetBenchmarks);
    private const string TokenSize = nameof(TokenSizeBenchmarks);
    private const string Stages = nameof(StageBenchmarks);
    private const string Extraction = nameof(ExtractionBenchmarks);
    private const string EndToEnd = nameof(EndToEndBenchmarks);

    /// <summary>The scenario name end-to-end rows carry in the ratio table.</summary>
    public const string EndToEndScenario = "End to end*";

    public static string DisplayName(string method) => method switch
    {
        "Floor" => SuiteSetup.FloorName,
        "FastToken" => SuiteSetup.FastTokenName,
        "JsonWebTokenHandler" => SuiteSetup.BaselineName,
        "JwtSecurityTokenHandler" => SuiteSetup.JwtSecurityTokenHandlerName,
        "JoseJwt" => SuiteSetup.JoseJwtName,
        "JwtNet" => SuiteSetup.JwtNetName,
        _ => method,
    };

    /// <summary>One table: FastToken, the baseline and the floor, with the two ratios that matter.</summary>
    public static string Quick(ResultSet results)
    {
        StringBuilder text = new();
        text.AppendLine("FastToken vs the crypto floor and JsonWebTokenHandler (typical token; median time / allocated per call)");
        text.AppendLine();
        AppendRatioTable(text, results, shapes: [nameof(TokenShape.Typical)]);
        AppendEndToEndNote(text, results);
        return text.ToString();
    }

    /// <summary>Every table of a full run, then the targets.</summary>
    public static string Full(ResultSet results, VerdictMatrix verdicts)
    {
        StringBuilder text = new();
        text.AppendLine("### FastToken vs the crypto floor and the baseline");
        text.AppendLine();
        text.AppendLine("Median time / bytes allocated per call. *× floor*: FastToken's time over the bare platform primitive.");
        text.AppendLine("*Baseline ÷ FastToken*: how many times faster than `JsonWebTokenHandler.ValidateTokenAsync`.");
        text.AppendLine();
        AppendRatioTable(text, results, shapes: results.Values(Validation, "Shape"));
        AppendEndToEndNote(text, results);

        text.AppendLine();
        text.AppendLine("### Every library, valid token");
        text.AppendLine();
        AppendLibraryTable(text, results, verdicts, rejections: false);

        text.AppendLine();
        text.AppendLine("### Every library, rejected tokens");
        text.AppendLine();
        text.AppendLine("A cell marked **accepted** is a library that let the bad token through: it lacks that rule.");
        text.AppendLine();
        AppendLibraryTable(text, results, verdicts, rejections: true);

        text.AppendLine();
        text.AppendLine("### What each library decided (typical token, all four algorithms)");
        text.AppendLine();
        text.Append(verdicts.ToMarkdown());

        AppendExtractionTable(text, results);
        AppendKeySetTable(text, results);
        AppendTokenSizeTable(text, results);
        AppendStageTable(text, results);

        text.AppendLine();
        text.AppendLine("### Targets");
        text.AppendLine();
        text.Append(Targets.Evaluate(results));
        return text.ToString();
    }

    private static void AppendRatioTable(StringBuilder text, ResultSet results, IReadOnlyList<string> shapes)
    {
        text.AppendLine("| Algorithm | Token | Scenario | Crypto floor | FastToken | × floor | JsonWebTokenHandler | Baseline ÷ FastToken |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|");

        // End-to-end rows sit under the typical token, and show even when the validation suite
        // was filtered out of the run.
        IEnumerable<string> algorithms = results.Values(Validation, "Algorithm")
            .Union(results.Values(EndToEnd, "Algorithm"));
        IReadOnlyList<string> rowShapes = shapes.Contains(nameof(TokenShape.Typical))
            ? shapes
            : [.. shapes, nameof(TokenShape.Typical)];
        foreach (string algorithm in algorithms)
        {
            foreach (string shape in rowShapes)
            {
                foreach (string scenario in results.Values(Validation, "Scenario"))
                {
                    (string, object)[] key = [("Algorithm", algorithm), ("Shape", shape), ("Scenario", scenario)];
                    Measurement? fastToken = results.Find(Validation, "FastToken", key);
                    if (fastToken is null)
                    {
                        continue;
                    }

                    Measurement? floor = results.Find(Validation, "Floor", key);
                    Measurement? baseline = results.Find(Validation, "JsonWebTokenHandler", key);
                    AppendRatioRow(text, algorithm, shape, scenario, floor, fastToken, baseline);
                }

                if (shape == nameof(TokenShape.Typical) && results.Find(EndToEnd, "FastToken", ("Algorithm", algorithm)) is { } endToEnd)
                {
                    AppendRatioRow(
                        text, algorithm, shape, EndToEndScenario,
                        results.Find(EndToEnd, "Floor", ("Algorithm", algorithm)),
                        endToEnd,
                        results.Find(EndToEnd, "JsonWebTokenHandler", ("Algorithm", algorithm)));
                }
            }
        }
    }

    private static void AppendRatioRow(
        StringBuilder text,
        string algorithm,
        string shape,
        string scenario,
        Measurement? floor,
        Measurement fastToken,
        Measurement? baseline)
    {
        string overFloor = floor is null ? "—" : Format.Ratio(fastToken.MedianNanoseconds / floor.MedianNanoseconds);
        string speedup = baseline is null ? "—" : Format.Ratio(baseline.MedianNanoseconds / fastToken.MedianNanoseconds);
        text.AppendLine(
            $"| {algorithm} | {shape} | {scenario} | {Format.Cell(floor)} | {Format.Cell(fastToken)} | " +
            $"{overFloor} | {Format.Cell(baseline)} | {speedup} |");
    }

    private static void AppendEndToEndNote(StringBuilder text, ResultSet results)
    {
        if (results.All.Any(m => m.Suite == EndToEnd))
        {
            text.AppendLine();
            text.AppendLine(
                $"\\* {EndToEndScenario.TrimEnd('*')}: Bearer extraction, validation under a generated policy " +
                $"(issuer, audience, the `{ClaimSets.RequiredScope}` scope) in one pass, and reading `sub`, " +
                "`scope` and `client_id`; the baseline slices the field, validates, checks the scope in the " +
                "`scope` string and reads the same claims from the JsonWebToken.");
        }
    }

    private static void AppendExtractionTable(StringBuilder text, ResultSet results)
    {
        List<Measurement> rows = [.. results.All.Where(m => m.Suite == Extraction)];
        if (rows.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("### Extraction (typical HS256 token)");
        text.AppendLine();
        text.AppendLine("| Case | Time / allocated |");
        text.AppendLine("|---|---:|");
        foreach (Measurement m in rows)
        {
            text.AppendLine($"| {m.Method} | {Format.Cell(m)} |");
        }
    }

    private static void AppendLibraryTable(StringBuilder text, ResultSet results, VerdictMatrix verdicts, bool rejections)
    {
        string[] libraries = VerdictMatrix.Libraries;
        text.AppendLine($"| Algorithm | Token | Scenario | {string.Join(" | ", libraries.Select(DisplayName))} |");
        text.AppendLine($"|---|---|---|{string.Concat(libraries.Select(_ => "---:|"))}");
        foreach (string algorithm in results.Values(Validation, "Algorithm"))
        {
            foreach (string shape in results.Values(Validation, "Shape"))
            {
                foreach (string scenario in results.Values(Validation, "Scenario"))
                {
                    if ((scenario == nameof(Scenario.Valid)) == rejections)
                    {
                        continue;
                    }

                    (string, object)[] key = [("Algorithm", algorithm), ("Shape", shape), ("Scenario", scenario)];
                    if (results.Find(Validation, "FastToken", key) is null)
                    {
                        continue;
                    }

                    List<string> cells = [];
                    foreach (string library in libraries)
                    {
                        Measurement? m = results.Find(Validation, library, key);
                        string cell = m is null ? "not supported" : Format.Cell(m);
                        if (m is not null && rejections && verdicts.Accepted(algorithm, scenario, library) == true)
                        {
                            cell += " **accepted**";
                        }

                        cells.Add(cell);
                    }

                    text.AppendLine($"| {algorithm} | {shape} | {scenario} | {string.Join(" | ", cells)} |");
                }
            }
        }
    }

    private static void AppendKeySetTable(StringBuilder text, ResultSet results)
    {
        IReadOnlyList<string> counts = results.Values(KeySet, "KeyCount");
        if (counts.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("### Key lookup against the size of the key set (HS256, typical token, `kid` in the middle of the set)");
        text.AppendLine();
        text.AppendLine("| Keys in the set | FastToken | JsonWebTokenHandler |");
        text.AppendLine("|---:|---:|---:|");
        foreach (string count in counts)
        {
            text.AppendLine(
                $"| {count} | {Format.Cell(results.Find(KeySet, "FastToken", ("KeyCount", count)))} | " +
                $"{Format.Cell(results.Find(KeySet, "JsonWebTokenHandler", ("KeyCount", count)))} |");
        }
    }

    private static void AppendTokenSizeTable(StringBuilder text, ResultSet results)
    {
        IReadOnlyList<string> counts = results.Values(TokenSize, "ClaimCount");
        if (counts.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("### Cost against the number of claims (HS256)");
        text.AppendLine();
        text.AppendLine("| Claims | Token bytes | Crypto floor | FastToken | FastToken − floor | × floor | JsonWebTokenHandler |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (string count in counts)
        {
            Measurement? floor = results.Find(TokenSize, "Floor", ("ClaimCount", count));
            Measurement? fastToken = results.Find(TokenSize, "FastToken", ("ClaimCount", count));
            string over = floor is null || fastToken is null ? "—" : Format.Time(fastToken.MedianNanoseconds - floor.MedianNanoseconds);
            string ratio = floor is null || fastToken is null ? "—" : Format.Ratio(fastToken.MedianNanoseconds / floor.MedianNanoseconds);
            text.AppendLine(
                $"| {count} | {Targets.TokenLength(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture))} | " +
                $"{Format.Cell(floor)} | {Format.Cell(fastToken)} | {over} | {ratio} | " +
                $"{Format.Cell(results.Find(TokenSize, "JsonWebTokenHandler", ("ClaimCount", count)))} |");
        }
    }

    private static void AppendStageTable(StringBuilder text, ResultSet results)
    {
        IReadOnlyList<string> shapes = results.Values(Stages, "Shape");
        if (shapes.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("### Where FastToken's time goes (HS256, valid token, each stage alone)");
        text.AppendLine();
        text.AppendLine($"| Stage | {string.Join(" | ", shapes)} |");
        text.AppendLine($"|---|{string.Concat(shapes.Select(_ => "---:|"))}");
        foreach (string method in results.All.Where(m => m.Suite == Stages).Select(m => m.Method).Distinct())
        {
            IEnumerable<string> cells = shapes.Select(s => Format.Cell(results.Find(Stages, method, ("Shape", s))));
            text.AppendLine($"| {method} | {string.Join(" | ", cells)} |");
        }
    }
}
