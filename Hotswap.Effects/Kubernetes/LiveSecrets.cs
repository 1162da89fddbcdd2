using k8s;
using k8s.Models;

namespace Hotswap.Effects.Kubernetes;

internal sealed class LiveSecrets(IKubernetes client) : LiveSource<V1Secret>("secrets")
{
    protected override Task<V1Secret> ReadAsync(string @namespace, string name) =>
        client.CoreV1.ReadNamespacedSecretAsync(name, @namespace);

    protected override async Task<IEnumerable<V1Secret>> ReadAllAsync(string @namespace, string labelSelector) =>
        (await client.CoreV1.ListNamespacedSecretAsync(@namespace, labelSelector: labelSelector.Length > 0 ? labelSelector : null)).Items;
}
