namespace FastToken.Tests.Support;

/// <summary>Counts the managed bytes a piece of code allocates on the calling thread.</summary>
internal static class Allocations
{
    /// <summary>How many calls are warmed up, and then measured.</summary>
    public const int Calls = 1000;

    /// <summary>
    /// Runs <paramref name="action"/> <see cref="Calls"/> times to warm up (first-call work,
    /// pooled buffers growing), then <see cref="Calls"/> times more, and returns what those
    /// allocated. Allocation counts are exact and per thread, so other tests do not disturb them.
    /// </summary>
    public static long Measure(Action action)
    {
        for (int i = 0; i < Calls; i++)
        {
            action();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
