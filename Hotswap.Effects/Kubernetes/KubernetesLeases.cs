using Hotswap.Effects.Ports;
using k8s;
using k8s.Models;

namespace Hotswap.Effects.Kubernetes;

/// <summary>coordination.k8s.io/v1 Leases in one namespace, every update guarded by resourceVersion.</summary>
public sealed class KubernetesLeases(IKubernetes client, string @namespace) : ILeases
{
    public async Task<Option<LeaseObject>> GetAsync(string name)
    {
        try
        {
            return Some(ToLease(await KubernetesFailures.Call($"get Lease {@namespace}/{name}", () =>
                client.CoordinationV1.ReadNamespacedLeaseAsync(name, @namespace))));
        }
        catch (PortException e) when (e.Kind == PortErrorKind.NotFound)
        {
            return None;
        }
    }

    public async Task<LeaseObject> CreateAsync(LeaseObject lease) =>
        ToLease(await KubernetesFailures.Call($"create Lease {@namespace}/{lease.Name}", () =>
            client.CoordinationV1.CreateNamespacedLeaseAsync(ToV1(lease), @namespace)));

    public async Task<LeaseObject> UpdateAsync(LeaseObject lease) =>
        ToLease(await KubernetesFailures.Call($"update Lease {@namespace}/{lease.Name}", () =>
            client.CoordinationV1.ReplaceNamespacedLeaseAsync(ToV1(lease), lease.Name, @namespace)));

    private V1Lease ToV1(LeaseObject l) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = l.Name, NamespaceProperty = @namespace, ResourceVersion = l.ResourceVersion.Length > 0 ? l.ResourceVersion : null,
        },
        Spec = new V1LeaseSpec
        {
            HolderIdentity = l.Holder,
            LeaseDurationSeconds = l.DurationSeconds,
            AcquireTime = l.AcquireTime.UtcDateTime,
            RenewTime = l.RenewTime.UtcDateTime,
            LeaseTransitions = l.Transitions,
        },
    };

    private static LeaseObject ToLease(V1Lease l) => new(
        l.Metadata.Name,
        l.Spec?.HolderIdentity ?? "",
        l.Spec?.LeaseDurationSeconds ?? 0,
        Utc(l.Spec?.AcquireTime),
        Utc(l.Spec?.RenewTime),
        l.Spec?.LeaseTransitions ?? 0,
        l.Metadata.ResourceVersion ?? "");

    private static DateTimeOffset Utc(DateTime? t) =>
        new(DateTime.SpecifyKind(t ?? DateTime.UnixEpoch, DateTimeKind.Utc));
}
