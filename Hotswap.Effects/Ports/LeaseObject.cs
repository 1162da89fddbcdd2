namespace Hotswap.Effects.Ports;

/// <summary>A Lease's spec as leader election uses it.</summary>
/// <param name="Name">metadata.name.</param>
/// <param name="Holder">spec.holderIdentity.</param>
/// <param name="DurationSeconds">spec.leaseDurationSeconds.</param>
/// <param name="AcquireTime">spec.acquireTime.</param>
/// <param name="RenewTime">spec.renewTime.</param>
/// <param name="Transitions">spec.leaseTransitions.</param>
/// <param name="ResourceVersion">metadata.resourceVersion as read; empty for a lease not yet created.</param>
public sealed record LeaseObject(
    string Name,
    string Holder,
    int DurationSeconds,
    DateTimeOffset AcquireTime,
    DateTimeOffset RenewTime,
    int Transitions,
    string ResourceVersion = "");
