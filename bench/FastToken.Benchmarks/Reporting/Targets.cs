using System.Text;
using FastToken.Benchmarks.Fixtures;
using FastToken.Benchmarks.Suites;

namespace FastToken.Benchmarks.Reporting;

/// <summary>The issue's targets, each judged against the run's numbers: met, or missed by how much.</summary>
internal static class Targets
{
    private const string Validation = nameof(ValidationBenchmarks);

    private static readonly string[] s_preCrypto =
        [nameof(Scenario.Malformed), nameof(Scenario.UnknownKid), nameof(Scenario.AlgorithmNotAllowed), nameof(Scenario.WrongType)];

    public static string Evaluate(ResultSet results)
    {
        StringBuilder text = new();
        text.AppendLine("| Target | Measured | Verdict |");
        text.AppendLine("|---|---|---|");

        EndToEndTarget(text, results);
        foreach (string shape in results.Values(Validation, "Shape"))
        {
            HmacTarget(text, results, shape);
            foreach (string algorithm in new[] { "RS256", "PS256", "ES256" })
            {
                SignatureTarget(text, results, algorithm, shape);
            }
        }

        PreCryptoTarget(text, results);
        ExtractionTarget(text, results, "BearerHeader", "Extraction, Bearer header", 50);
        ExtractionTarget(text, results, "CookieAmongTen", "Extraction, a cookie among ten", 150);
        KeySetTarget(text, results);
        TokenSizeTarget(text, results);
        return text.ToString();
    }

    /// <summary>The length of the HS256 token with this many claims, as the size suite builds it.</summary>
    public static int TokenLength(int claimCount)
    {
        using TokenFixture fixture = new(JwtAlgorithm.HS256, TokenShape.Typical);
        return fixture.TokenWithClaims(ClaimSets.WithClaimCount(claimCount, fixture.Now)).Length;
    }

    private static void HmacTarget(StringBuilder text, ResultSet results, string shape)
    {
        (string, object)[] key = [("Algorithm", "HS256"), ("Shape", shape), ("Scenario", nameof(Scenario.Valid))];
        if (Find(results, "FastToken", key) is not { } fastToken ||
            Find(results, "Floor", key) is not { } floor ||
            Find(results, "JsonWebTokenHandler", key) is not { } baseline)
        {
            return;
        }

        double overFloor = fastToken.MedianNanoseconds / floor.MedianNanoseconds;
        double speedup = baseline.MedianNanoseconds / fastToken.MedianNanoseconds;
        Row(text, $"HS256 valid ({shape}, validation only): ≤ 1.30x the HMAC floor", Format.Ratio(overFloor), overFloor <= 1.30,
            $"missed by {Format.Ratio(overFloor / 1.30)} ({Format.Time(fastToken.MedianNanoseconds - (1.30 * floor.MedianNanoseconds))} over)");
        Row(text, $"HS256 valid ({shape}): 0 B", Format.Bytes(fastToken.AllocatedBytes), fastToken.AllocatedBytes == 0,
            $"allocates {Format.Bytes(fastToken.AllocatedBytes)}");
        Row(text, $"HS256 valid ({shape}): ≥ 4x faster than JsonWebTokenHandler", Format.Ratio(speedup), speedup >= 4,
            $"missed: {Format.Ratio(speedup)} where 4x was the aim");
    }

    private static void EndToEndTarget(StringBuilder text, ResultSet results)
    {
        const string Suite = nameof(EndToEndBenchmarks);
        if (results.Find(Suite, "FastToken", ("Algorithm", "HS256")) is not { } fastToken ||
            results.Find(Suite, "Floor", ("Algorithm", "HS256")) is not { } floor ||
            results.Find(Suite, "JsonWebTokenHandler", ("Algorithm", "HS256")) is not { } baseline)
        {
            return;
        }

        double overFloor = fastToken.MedianNanoseconds / floor.MedianNanoseconds;
        double speedup = baseline.MedianNanoseconds / fastToken.MedianNanoseconds;
        Row(text, "HS256 valid, end to end (generated policy): ≤ 1.30x the HMAC floor", Format.Ratio(overFloor), overFloor <= 1.30,
            $"missed by {Format.Ratio(overFloor / 1.30)} ({Format.Time(fastToken.MedianNanoseconds - (1.30 * floor.MedianNanoseconds))} over)");
        Row(text, "HS256 valid, end to end: 0 B", Format.Bytes(fastToken.AllocatedBytes), fastToken.AllocatedBytes == 0,
            $"allocates {Format.Bytes(fastToken.AllocatedBytes)}");
        Row(text, "HS256 valid, end to end: ≥ 4x faster than JsonWebTokenHandler", Format.Ratio(speedup), speedup >= 4,
            $"missed: {Format.Ratio(speedup)} where 4x was the aim");
    }

    private static void ExtractionTarget(StringBuilder text, ResultSet results, string method, string name, double limit)
    {
        if (results.Find(nameof(ExtractionBenchmarks), method) is not { } m)
        {
            return;
        }

        bool fast = m.MedianNanoseconds < limit;
        Row(text, $"{name}: < {limit} ns and 0 B", Format.Cell(m), fast && m.AllocatedBytes == 0,
            fast ? $"allocates {Format.Bytes(m.AllocatedBytes)}" : $"missed by {Format.Time(m.MedianNanoseconds - limit)}");
    }

    private static void SignatureTarget(StringBuilder text, ResultSet results, string algorithm, string shape)
    {
        (string, object)[] key = [("Algorithm", algorithm), ("Shape", shape), ("Scenario", nameof(Scenario.Valid))];
        if (Find(results, "FastToken", key) is not { } fastToken || Find(results, "Floor", key) is not { } floor)
        {
            return;
        }

        double overFloor = fastToken.MedianNanoseconds / floor.MedianNanoseconds;
        Row(text, $"{algorithm} valid ({shape}): ≤ 1.05x the floor", Format.Ratio(overFloor), overFloor <= 1.05,
            $"missed by {Format.Ratio(overFloor / 1.05)} ({Format.Time(fastToken.MedianNanoseconds - (1.05 * floor.MedianNanoseconds))} over)");

        // ES256: no bytes beyond what the platform's ECDsa allocates itself, which the floor measures.
        long allowed = algorithm == "ES256" ? floor.AllocatedBytes ?? 0 : 0;
        string aim = algorithm == "ES256" ? $"≤ the floor's {Format.Bytes(allowed)}" : "0 B";
        Row(text, $"{algorithm} valid ({shape}): {aim}", Format.Bytes(fastToken.AllocatedBytes), fastToken.AllocatedBytes <= allowed,
            $"allocates {Format.Bytes(fastToken.AllocatedBytes - allowed)} more");
    }

    private static void PreCryptoTarget(StringBuilder text, ResultSet results)
    {
        List<Measurement> refusals = [.. results.All.Where(m =>
            m.Suite == Validation && m.Method == "FastToken" && s_preCrypto.Contains(m["Scenario"]))];
        if (refusals.Count == 0)
        {
            return;
        }

        Measurement slowest = refusals.MaxBy(m => m.MedianNanoseconds)!;
        long most = refusals.Max(m => m.AllocatedBytes ?? long.MaxValue);
        string where = $"{slowest["Scenario"]}, {slowest["Algorithm"]}, {slowest["Shape"]}";
        Row(text, "Every rejection before crypto: < 250 ns", $"slowest {Format.Time(slowest.MedianNanoseconds)} ({where})",
            slowest.MedianNanoseconds < 250, $"missed by {Format.Time(slowest.MedianNanoseconds - 250)}");
        Row(text, "Every rejection before crypto: 0 B", $"at most {Format.Bytes(most)}", most == 0, $"allocates up to {Format.Bytes(most)}");
    }

    private static void KeySetTarget(StringBuilder text, ResultSet results)
    {
        List<Measurement> lookups = [.. results.All.Where(m => m.Suite == nameof(KeySetBenchmarks) && m.Method == "FastToken")];
        if (lookups.Count < 2)
        {
            return;
        }

        // Growth is the largest set's time over the smallest set's; within a few percent of noise is flat.
        static int Keys(Measurement m) => int.Parse(m["KeyCount"], System.Globalization.CultureInfo.InvariantCulture);
        double growth = lookups.MaxBy(Keys)!.MedianNanoseconds / lookups.MinBy(Keys)!.MedianNanoseconds;
        string measured = string.Join(", ", lookups.Select(m => $"{m["KeyCount"]} keys: {Format.Time(m.MedianNanoseconds)}"));
        Row(text, "Key lookup does not grow with the set (1, 10, 1,000 keys)", measured, growth <= 1.10,
            $"the largest set is {Format.Ratio(growth)} the smallest");
    }

    private static void TokenSizeTarget(StringBuilder text, ResultSet results)
    {
        List<(double X, double Y)> points = [.. results.All
            .Where(m => m.Suite == nameof(TokenSizeBenchmarks) && m.Method == "FastToken")
            .Select(m => (double.Parse(m["ClaimCount"], System.Globalization.CultureInfo.InvariantCulture), m.MedianNanoseconds))];
        if (points.Count < 3)
        {
            return;
        }

        // A least-squares line through (claims, time): linear growth leaves almost nothing unexplained.
        double meanX = points.Average(p => p.X);
        double meanY = points.Average(p => p.Y);
        double slope = points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / points.Sum(p => (p.X - meanX) * (p.X - meanX));
        double intercept = meanY - (slope * meanX);
        double residual = points.Sum(p => Math.Pow(p.Y - (intercept + (slope * p.X)), 2));
        double total = points.Sum(p => Math.Pow(p.Y - meanY, 2));
        double rSquared = 1 - (residual / total);
        Row(text, "Cost grows linearly with claims and size",
            $"{Format.Time(slope)} per claim, R² = {Format.Number(rSquared, "0.000")}", rSquared >= 0.98,
            $"R² = {Format.Number(rSquared, "0.000")}: not a straight line");
    }

    private static Measurement? Find(ResultSet results, string method, (string, object)[] key) =>
        results.Find(Validation, method, key);

    private static void Row(StringBuilder text, string target, string measured, bool met, string miss) =>
        text.AppendLine($"| {target} | {measured} | {(met ? "met" : $"**{miss}**")} |");

}
