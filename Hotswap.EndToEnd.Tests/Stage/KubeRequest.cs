using Hotswap.Testing.KubeApi;

namespace Hotswap.EndToEnd.Tests.Stage;

/// <summary>One resource request the test API server received over HTTP, with who sent it (its bearer token).</summary>
/// <param name="Sequence">Its place among every request the server saw (0, 1, 2, …).</param>
/// <param name="At">When it arrived (wall clock).</param>
/// <param name="Attributes">User, verb, group, resource, subresource, namespace, name.</param>
public sealed record KubeRequest(long Sequence, DateTimeOffset At, KubeRequestAttributes Attributes)
{
    /// <summary>create, update, patch, delete or deletecollection.</summary>
    public bool IsWrite => Attributes.Verb is "create" or "update" or "patch" or "delete" or "deletecollection";

    /// <summary>A write to a coordination.k8s.io Lease: leader election's renewals.</summary>
    public bool IsLease => Attributes is { Group: "coordination.k8s.io", Resource: "leases" };

    public override string ToString() => Attributes.ToString();
}
