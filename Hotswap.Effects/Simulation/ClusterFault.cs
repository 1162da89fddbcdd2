namespace Hotswap.Effects.Simulation;

/// <summary>
/// A scenario's fault of one cluster for a while: its EKS cluster is UPDATING, or its Kubernetes
/// API cannot be reached.
/// <para>Example: <c>new ClusterFault("mycluster-api-v1", new(From: 2m, For: 3m))</c>.</para>
/// </summary>
/// <param name="Cluster">The System cluster name or the EKS cluster name.</param>
/// <param name="When">When it is in effect (time only: <see cref="FaultWindow.FromStep"/> is not used for clusters).</param>
public sealed record ClusterFault(string Cluster, FaultWindow When);
