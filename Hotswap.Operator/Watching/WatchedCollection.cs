using k8s;
using k8s.Models;

namespace Hotswap.Operator.Watching;

/// <summary>
/// One collection an informer lists and watches — a resource in one namespace or in all, maybe
/// narrowed by a label selector — as KubernetesClient calls it.
/// </summary>
/// <param name="Resource">How logs and metrics name it, e.g. "secrets in argocd".</param>
/// <param name="Namespace">The namespace it covers; null: every namespace.</param>
/// <param name="List">A page of the list (limit, continue token).</param>
/// <param name="Watch">A watch from a resourceVersion, with bookmarks, ending after the given seconds.</param>
/// <param name="Meta">An object's metadata.</param>
/// <param name="Prepare">Makes an arriving object safe to share between threads.</param>
public sealed record WatchedCollection<T>(
    string Resource,
    string? Namespace,
    Func<string?, CancellationToken, Task<ListPage<T>>> List,
    Func<string, int, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> Watch,
    Func<T, V1ObjectMeta> Meta,
    Func<T, T>? Prepare = null) where T : class;
