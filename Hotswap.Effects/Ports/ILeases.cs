namespace Hotswap.Effects.Ports;

/// <summary>
/// coordination.k8s.io/v1 Leases in the port's namespace, for leader election: every write is
/// guarded by resourceVersion, so two replicas cannot both take the lease. Calls may throw
/// <see cref="PortException"/>.
/// </summary>
public interface ILeases
{
    /// <summary>The lease, or None when nobody holds or held it.</summary>
    Task<Option<LeaseObject>> GetAsync(string name);

    /// <summary>Create the lease; AlreadyExists when another replica was first.</summary>
    Task<LeaseObject> CreateAsync(LeaseObject lease);

    /// <summary>Renew or take over; Conflict when <see cref="LeaseObject.ResourceVersion"/> is stale.</summary>
    Task<LeaseObject> UpdateAsync(LeaseObject lease);
}
