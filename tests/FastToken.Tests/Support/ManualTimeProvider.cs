namespace FastToken.Tests.Support;

/// <summary>A clock, wall and monotonic, that moves only when the test moves it.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _elapsedTicks;

    public ManualTimeProvider()
        : this(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000))
    {
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _elapsedTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => start.AddTicks(Interlocked.Read(ref _elapsedTicks));

    public override long GetTimestamp() => Interlocked.Read(ref _elapsedTicks);
}
