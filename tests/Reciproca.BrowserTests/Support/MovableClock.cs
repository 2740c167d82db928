namespace Reciproca.BrowserTests.Support;

/// <summary>
/// The machine's time plus an offset the test moves forward: a session scheduled a few minutes ahead (the application
/// refuses one in the past) can then be logged, as it would be once it took place, without waiting for it.
/// </summary>
public sealed class MovableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

/// <summary>An application whose clock the test moves on: for the sessions journey.</summary>
public sealed class MovableClockAppHost : AppHost
{
    public MovableClock Time { get; } = new();

    protected override TimeProvider? Clock => Time;
}
