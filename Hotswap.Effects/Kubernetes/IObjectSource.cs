namespace Hotswap.Effects.Kubernetes;

/// <summary>
/// Where the Kubernetes adapters read one kind of object: the API itself (<see cref="KubernetesReads.Live"/>,
/// what <c>plan --kubeconfig</c> uses), or the operator's informer caches (<c>hotswap run</c>), so the
/// same adapter code serves both. Objects handed out are shared with the cache: never change one,
/// clone it first.
/// </summary>
/// <typeparam name="T">The object as KubernetesClient reads it (a typed model, or a JsonObject for custom resources).</typeparam>
public interface IObjectSource<T> where T : class
{
    /// <summary>The object, or None when it does not exist.</summary>
    Task<Option<T>> GetAsync(string @namespace, string name);

    /// <summary>The objects in <paramref name="namespace"/> carrying every label of <paramref name="labels"/>.</summary>
    Task<Seq<T>> ListAsync(string @namespace, Map<string, string> labels);

    /// <summary>
    /// Read-your-writes: the object a write returned. A cache keeps it when its resourceVersion is
    /// newer than the one it holds, so the next read sees the write before its watch event arrives.
    /// </summary>
    void Wrote(T written);

    /// <summary>The adapter deleted the object: a cache forgets it.</summary>
    void Deleted(string @namespace, string name);
}
