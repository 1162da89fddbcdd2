using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Hotswap.Operator.Hosting;

/// <summary>
/// Gives up a Lease this replica holds, as client-go's ReleaseOnCancel does: the holder emptied,
/// the duration cut to 1 s, guarded by resourceVersion — so another replica takes over at its next
/// try instead of waiting for the lease to expire. The holder is emptied (""), not removed: an
/// elector treats a lease with no holder field as absent and tries to create it, which fails.
/// </summary>
public static class LeaseRelease
{
    /// <summary>True when released; false when the lease is not (any more) ours or is gone.</summary>
    public static async Task<bool> ReleaseAsync(IKubernetes client, string @namespace, string name, string identity, CancellationToken cancellation)
    {
        V1Lease lease;
        try
        {
            lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(name, @namespace, cancellationToken: cancellation);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        if (lease.Spec?.HolderIdentity != identity) return false;
        var now = DateTime.UtcNow;
        lease.Spec = new V1LeaseSpec
        {
            HolderIdentity = "",
            LeaseDurationSeconds = 1,
            AcquireTime = now,
            RenewTime = now,
            LeaseTransitions = lease.Spec.LeaseTransitions,
        };
        try
        {
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, name, @namespace, cancellationToken: cancellation);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return false; // renewed or taken since we read it: not ours to release.
        }
    }
}
