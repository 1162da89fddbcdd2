using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Kubernetes;

/// <summary>
/// The API itself as an <see cref="IObjectSource{T}"/>: a get or list per call, nothing kept, so
/// there is nothing to remember after a write.
/// </summary>
internal abstract class LiveSource<T>(string resource) : IObjectSource<T> where T : class
{
    protected abstract Task<T> ReadAsync(string @namespace, string name);

    protected abstract Task<IEnumerable<T>> ReadAllAsync(string @namespace, string labelSelector);

    public async Task<Option<T>> GetAsync(string @namespace, string name)
    {
        try
        {
            return Some(await KubernetesFailures.Call($"get {resource} {@namespace}/{name}", () => ReadAsync(@namespace, name)));
        }
        catch (PortException e) when (e.Kind == PortErrorKind.NotFound)
        {
            return None;
        }
    }

    public async Task<Seq<T>> ListAsync(string @namespace, Map<string, string> labels) =>
        (await KubernetesFailures.Call($"list {resource} in {@namespace}", () => ReadAllAsync(@namespace, Json.Selector(labels))))
        .ToSeq().Strict();

    public void Wrote(T written)
    {
    }

    public void Deleted(string @namespace, string name)
    {
    }
}
