using System.Text.Json.Nodes;
using k8s;

namespace Hotswap.Effects.Kubernetes;

/// <summary>A custom resource (hotswap's kinds, ArgoCD's) read through the generic custom-object API.</summary>
internal sealed class LiveCustomObjects(IKubernetes client, string group, string version, string plural)
    : LiveSource<JsonObject>($"{plural}.{group}")
{
    protected override Task<JsonObject> ReadAsync(string @namespace, string name) =>
        client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(group, version, @namespace, plural, name);

    protected override async Task<IEnumerable<JsonObject>> ReadAllAsync(string @namespace, string labelSelector) =>
        KubernetesChildObjects<int, int>.Items(await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(
            group, version, @namespace, plural, labelSelector: labelSelector.Length > 0 ? labelSelector : null));
}
