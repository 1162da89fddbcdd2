using k8s;
using k8s.Models;

namespace Hotswap.Effects.Kubernetes;

internal sealed class LiveRevisions(IKubernetes client) : LiveSource<V1ControllerRevision>("controllerrevisions")
{
    protected override Task<V1ControllerRevision> ReadAsync(string @namespace, string name) =>
        client.AppsV1.ReadNamespacedControllerRevisionAsync(name, @namespace);

    protected override async Task<IEnumerable<V1ControllerRevision>> ReadAllAsync(string @namespace, string labelSelector) =>
        (await client.AppsV1.ListNamespacedControllerRevisionAsync(@namespace, labelSelector: labelSelector.Length > 0 ? labelSelector : null)).Items;
}
