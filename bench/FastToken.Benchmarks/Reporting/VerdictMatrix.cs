using FastToken.Benchmarks.Competitors;
using FastToken.Benchmarks.Fixtures;
using FastToken.Benchmarks.Suites;

namespace FastToken.Benchmarks.Reporting;

/// <summary>What each library decided about each scenario's token: a time is only comparable beside its verdict.</summary>
internal sealed class VerdictMatrix
{
    public static readonly string[] Libraries =
        ["FastToken", "JsonWebTokenHandler", "JwtSecurityTokenHandler", "JoseJwt", "JwtNet"];

    // (algorithm, scenario, library) -> accepted; absent when the library does not support the algorithm.
    private readonly Dictionary<(string, string, string), bool> _accepted = [];

    /// <summary>Runs every library once on every scenario's typical token.</summary>
    public static VerdictMatrix Build()
    {
        VerdictMatrix matrix = new();
        foreach (JwtAlgorithm algorithm in SuiteSetup.Algorithms)
        {
            using TokenFixture fixture = new(algorithm, TokenShape.Typical);
            JwtValidator validator = SuiteSetup.CreateValidator(fixture.KeySet, algorithm);
            IdentityModelVerifier identityModel = new(fixture);
            JoseJwtVerifier joseJwt = new(fixture);
            JwtNetVerifier? jwtNet = JwtNetVerifier.Supports(algorithm) ? new JwtNetVerifier(fixture) : null;
            foreach (Scenario scenario in Enum.GetValues<Scenario>())
            {
                string token = fixture.TokenFor(scenario);
                using (JwtValidationResult result = validator.Validate(token.AsSpan()))
                {
                    matrix.Set(algorithm, scenario, "FastToken", result.IsValid);
                }

                matrix.Set(algorithm, scenario, "JsonWebTokenHandler", identityModel.ValidateWithJsonWebTokenHandler(token));
                matrix.Set(algorithm, scenario, "JwtSecurityTokenHandler", identityModel.ValidateWithJwtSecurityTokenHandler(token));
                matrix.Set(algorithm, scenario, "JoseJwt", joseJwt.Validate(token));
                if (jwtNet is not null)
                {
                    matrix.Set(algorithm, scenario, "JwtNet", jwtNet.Validate(token));
                }
            }
        }

        return matrix;
    }

    /// <summary>Whether the library accepted the token; <see langword="null"/> when it cannot verify the algorithm.</summary>
    public bool? Accepted(string algorithm, string scenario, string library) =>
        _accepted.TryGetValue((algorithm, scenario, library), out bool accepted) ? accepted : null;

    /// <summary>The verdicts as a table: one row per scenario, one column per library.</summary>
    public string ToMarkdown()
    {
        System.Text.StringBuilder text = new();
        text.AppendLine($"| Token | {string.Join(" | ", Libraries.Select(RatioReport.DisplayName))} |");
        text.AppendLine($"|---|{string.Concat(Libraries.Select(_ => "---|"))}");
        foreach (Scenario scenario in Enum.GetValues<Scenario>())
        {
            List<string> cells = [];
            foreach (string library in Libraries)
            {
                cells.Add(Describe(scenario, library));
            }

            text.AppendLine($"| {scenario} | {string.Join(" | ", cells)} |");
        }

        return text.ToString();
    }

    private string Describe(Scenario scenario, string library)
    {
        bool wanted = scenario == Scenario.Valid;
        List<string> wrong = [];
        int supported = 0;
        foreach (JwtAlgorithm algorithm in SuiteSetup.Algorithms)
        {
            if (Accepted(algorithm.ToString(), scenario.ToString(), library) is not { } accepted)
            {
                continue;
            }

            supported++;
            if (accepted != wanted)
            {
                wrong.Add(algorithm.ToString());
            }
        }

        string verdict = wanted ? "accepts" : "rejects";
        string opposite = wanted ? "REJECTS" : "ACCEPTS";
        if (wrong.Count == 0)
        {
            return verdict;
        }

        return wrong.Count == supported ? opposite : $"{opposite} ({string.Join(", ", wrong)})";
    }

    private void Set(JwtAlgorithm algorithm, Scenario scenario, string library, bool accepted) =>
        _accepted[(algorithm.ToString(), scenario.ToString(), library)] = accepted;
}
