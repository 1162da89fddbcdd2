using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Simulation;

/// <summary>
/// One child kind in the simulated API server: specs, statuses, resourceVersions, 409 on stale
/// writes, and metadata.generation bumped on every spec change.
/// </summary>
public sealed class SimulatedChildObjects<TSpec, TStatus>(
    string kind, Func<TSpec, string> systemOf, TStatus initial, SimulatedKubernetes server) : IChildObjects<TSpec, TStatus>
{
    private readonly SortedDictionary<string, StoredObject<TSpec, TStatus>> objects = new(StringComparer.Ordinal);

    /// <summary>Called after a delete, e.g. to collect what the object owned.</summary>
    public Action<string>? Deleted { get; init; }

    /// <summary>Every object, read without faults (for the simulation's own inspection).</summary>
    public Seq<StoredObject<TSpec, TStatus>> All => objects.Values.ToSeq().Strict();

    public Task<Option<StoredObject<TSpec, TStatus>>> GetAsync(string name) =>
        Task.FromResult(objects.TryGetValue(name, out var o) ? Some(o) : None);

    public Task<Seq<StoredObject<TSpec, TStatus>>> ListAsync(string system) =>
        Task.FromResult(objects.Values.Where(o => systemOf(o.Spec) == system).ToSeq().Strict());

    public Task ApplyAsync(string name, TSpec spec)
    {
        if (objects.TryGetValue(name, out var existing))
        {
            if (!Equals(existing.Spec, spec))
                objects[name] = existing with { Spec = spec, ResourceVersion = server.NextVersion(), Generation = existing.Generation + 1 };
        }
        else
        {
            objects[name] = new StoredObject<TSpec, TStatus>(name, spec, initial, server.NextVersion());
        }
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string name)
    {
        if (!objects.Remove(name)) throw new PortException(PortErrorKind.NotFound, $"{kind} {name} not found");
        Deleted?.Invoke(name);
        return Task.CompletedTask;
    }

    public Task UpdateStatusAsync(string name, TStatus status, string resourceVersion)
    {
        if (!objects.TryGetValue(name, out var existing)) throw new PortException(PortErrorKind.NotFound, $"{kind} {name} not found");
        server.Faults.Conflict($"update {kind} status", name);
        if (existing.ResourceVersion != resourceVersion)
            throw new PortException(PortErrorKind.Conflict,
                $"{kind} {name}: resourceVersion {resourceVersion} is stale (now {existing.ResourceVersion})");
        objects[name] = existing with { Status = status, ResourceVersion = server.NextVersion() };
        return Task.CompletedTask;
    }
}
