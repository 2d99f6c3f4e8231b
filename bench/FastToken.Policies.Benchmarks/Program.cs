using BenchmarkDotNet.Running;

namespace FastToken.Policies.Benchmarks;

/// <summary>
/// Runs the policy benchmarks; pass BenchmarkDotNet arguments, e.g. <c>--filter * --job short</c>.
/// <c>--check</c> instead runs every contender once and prints its verdict, which must be true.
/// </summary>
public static class Program
{
    /// <summary>The entry point.</summary>
    /// <param name="args">BenchmarkDotNet's command line, or <c>--check</c>.</param>
    /// <returns>0, or 1 when a contender refuses the token under <c>--check</c>.</returns>
    public static int Main(string[] args)
    {
        if (args is ["--check"])
        {
            return Check();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }

    private static int Check()
    {
        PolicyBenchmarks benchmarks = new();
        bool all = true;
        foreach (TokenCase token in PolicyBenchmarks.Tokens())
        {
            bool[] verdicts =
            [
                benchmarks.IdentityModelAuthorizationPolicy(token).GetAwaiter().GetResult(),
                benchmarks.FastTokenAuthorizationPolicy(token).GetAwaiter().GetResult(),
                benchmarks.RuntimePolicy(token),
                benchmarks.GeneratedPolicy(token),
                benchmarks.SignatureFloor(token),
            ];
            Console.WriteLine($"{token}: {string.Join(' ', verdicts)}");
            all &= verdicts.All(v => v);
        }

        return all ? 0 : 1;
    }
}
