using Hotswap.Effects.Ports;
using Hotswap.Effects.Simulation;

namespace Hotswap.Integration.Tests.Kubernetes;

/// <summary>The simulated world's Kubernetes against the shared contract.</summary>
public sealed class SimulatedKubernetesContractTests : KubernetesContract
{
    private static readonly SimulatedClock Clock = new(DateTimeOffset.Parse("2026-11-24T10:00:00Z"));

    private readonly SimulatedKubernetes kube = new(
        Clock, new FaultInjection(FaultRates.None, 1), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), _ => true, "team-a");

    protected override IKubernetesObjects Port => kube;

    protected override IEvents Events { get; } = new SimulatedEvents();

    protected override ILeases Leases { get; } = new SimulatedLeases();

    protected override Task SeedSystemAsync(string name)
    {
        kube.AddSystem(name);
        return Task.CompletedTask;
    }

    protected override Task DeleteSystemAsync(string name)
    {
        kube.DeleteSystem(name);
        return Task.CompletedTask;
    }

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync() => Task.CompletedTask;
}
