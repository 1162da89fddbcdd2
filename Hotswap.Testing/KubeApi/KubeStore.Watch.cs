using System.Text.Json.Nodes;

namespace Hotswap.Testing.KubeApi;

public sealed partial class KubeStore
{
    /// <summary>
    /// Opens a watch. Without a resourceVersion (or "0") it starts with an ADDED event for every
    /// current object; from a resourceVersion it replays the history after it, and a version older
    /// than the retained history is 410 Expired ("too old resource version").
    /// </summary>
    public Watcher Watch(ResourceType type, string? ns, long? fromResourceVersion)
    {
        lock (gate)
        {
            if (fromResourceVersion is { } from && from < compactedThrough)
                throw KubeStatus.Expired($"too old resource version: {from} ({compactedThrough + 1})");
            var watcher = new Watcher(type.StorageKey, type.Namespaced ? ns : null, Close);
            if (fromResourceVersion is null)
            {
                foreach (var (_, obj) in objects.Where(kv => kv.Key.StartsWith(Prefix(type, ns), StringComparison.Ordinal)))
                    watcher.Channel.Writer.TryWrite(new WatchEvent(
                        long.Parse(obj["metadata"]!["resourceVersion"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture),
                        "ADDED", type.StorageKey, Str(obj["metadata"]?["namespace"]) ?? "", (JsonObject)obj.DeepClone(), null));
            }
            else
            {
                foreach (var ev in history.Where(e => e.ResourceVersion > fromResourceVersion && e.StorageKey == type.StorageKey
                    && (watcher.Namespace is null || e.Namespace == watcher.Namespace)))
                    watcher.Channel.Writer.TryWrite(ev);
            }
            watchers.Add(watcher);
            return watcher;
        }
    }

    /// <summary>The resourceVersion a bookmark may carry now: the latest, once the watcher has been sent every event before it.</summary>
    public long? BookmarkVersion(Watcher watcher)
    {
        lock (gate) return watcher.Channel.Reader.Count == 0 ? resourceVersion : null;
    }

    private void Close(Watcher watcher)
    {
        lock (gate) watchers.Remove(watcher);
        watcher.Channel.Writer.TryComplete();
    }

    /// <summary>Events dropped from history so far: a watch from a version at or below this is 410 Gone.</summary>
    public long CompactedThrough { get { lock (gate) return compactedThrough; } }
}
