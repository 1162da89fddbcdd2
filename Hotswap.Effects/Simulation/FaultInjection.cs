using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Simulation;

/// <summary>Fails simulated calls at the scenario's rates, from a seeded random source so runs repeat.</summary>
public sealed class FaultInjection(FaultRates rates, int seed)
{
    private readonly Random random = new(seed);

    /// <summary>Off while the world is being set up or inspected by the simulation itself.</summary>
    public bool Enabled { get; set; }

    /// <summary>Failures injected so far.</summary>
    public int Injected { get; private set; }

    public void Aws(string operation)
    {
        if (!Enabled) return;
        var r = random.NextDouble();
        if (r < rates.Throttling) Throw(PortErrorKind.Throttled, $"{operation}: Throttling: Rate exceeded");
        if (r < rates.Throttling + rates.ServerErrors) Throw(PortErrorKind.ServerError, $"{operation}: InternalFailure (503)");
    }

    public void Conflict(string operation, string name)
    {
        if (!Enabled) return;
        if (random.NextDouble() < rates.Conflicts)
            Throw(PortErrorKind.Conflict, $"{operation} {name}: the object has been modified; please apply your changes to the latest version and try again");
    }

    private void Throw(PortErrorKind kind, string message)
    {
        Injected++;
        throw new PortException(kind, message);
    }
}
