using System.Threading.Channels;

namespace Hotswap.Testing.KubeApi;

/// <summary>One open watch: the changes of a collection (optionally one namespace), in resourceVersion order.</summary>
public sealed class Watcher(string storageKey, string? ns, Action<Watcher> close) : IDisposable
{
    public string StorageKey { get; } = storageKey;
    public string? Namespace { get; } = ns;
    public Channel<WatchEvent> Channel { get; } = System.Threading.Channels.Channel.CreateUnbounded<WatchEvent>();

    public void Dispose() => close(this);
}
