using k8s;
using k8s.Models;

namespace Hotswap.Effects.Kubernetes;

internal sealed class LiveJobs(IKubernetes client) : LiveSource<V1Job>("jobs")
{
    protected override Task<V1Job> ReadAsync(string @namespace, string name) =>
        client.BatchV1.ReadNamespacedJobAsync(name, @namespace);

    protected override async Task<IEnumerable<V1Job>> ReadAllAsync(string @namespace, string labelSelector) =>
        (await client.BatchV1.ListNamespacedJobAsync(@namespace, labelSelector: labelSelector.Length > 0 ? labelSelector : null)).Items;
}
