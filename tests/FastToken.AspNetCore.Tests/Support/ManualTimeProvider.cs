namespace FastToken.AspNetCore.Tests.Support;

/// <summary>
/// A clock that says what the test tells it; its timestamps move with <see cref="Now"/>, so
/// elapsed-time rules can be tested without waiting.
/// </summary>
internal sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => Now;

    public override long GetTimestamp() => Now.UtcTicks;
}
