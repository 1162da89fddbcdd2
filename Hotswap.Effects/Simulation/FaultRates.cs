namespace Hotswap.Effects.Simulation;

/// <summary>How often the simulated services fail a call, each a probability in 0..1.</summary>
/// <param name="Throttling">AWS calls (ELBv2, EKS) answered with Throttling.</param>
/// <param name="ServerErrors">AWS calls answered with a 5xx.</param>
/// <param name="Conflicts">Kubernetes writes guarded by a resourceVersion answered with 409 Conflict.</param>
public sealed record FaultRates(double Throttling = 0, double ServerErrors = 0, double Conflicts = 0)
{
    public static readonly FaultRates None = new();
}
