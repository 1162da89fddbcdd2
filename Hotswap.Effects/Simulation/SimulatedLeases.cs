using System.Globalization;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Simulation;

/// <summary>Leases in memory, with the API server's AlreadyExists and resourceVersion conflicts.</summary>
public sealed class SimulatedLeases : ILeases
{
    private readonly Dictionary<string, LeaseObject> leases = new(StringComparer.Ordinal);
    private long version;

    public Task<Option<LeaseObject>> GetAsync(string name) =>
        Task.FromResult(leases.TryGetValue(name, out var l) ? Some(l) : None);

    public Task<LeaseObject> CreateAsync(LeaseObject lease)
    {
        if (leases.ContainsKey(lease.Name)) throw new PortException(PortErrorKind.AlreadyExists, $"lease {lease.Name} already exists");
        return Task.FromResult(leases[lease.Name] = lease with { ResourceVersion = Next() });
    }

    public Task<LeaseObject> UpdateAsync(LeaseObject lease)
    {
        if (!leases.TryGetValue(lease.Name, out var now)) throw new PortException(PortErrorKind.NotFound, $"lease {lease.Name} not found");
        if (now.ResourceVersion != lease.ResourceVersion)
            throw new PortException(PortErrorKind.Conflict, $"lease {lease.Name}: resourceVersion {lease.ResourceVersion} is stale (now {now.ResourceVersion})");
        return Task.FromResult(leases[lease.Name] = lease with { ResourceVersion = Next() });
    }

    private string Next() => (++version).ToString(CultureInfo.InvariantCulture);
}
