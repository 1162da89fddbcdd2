namespace Hotswap.Effects.Simulation;

/// <summary>Simulated time: moves only when the simulation says so, never sleeps.</summary>
public sealed class SimulatedClock(DateTimeOffset start)
{
    public DateTimeOffset Now { get; private set; } = start;

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), by, "time only moves forward");
        Now += by;
    }
}
