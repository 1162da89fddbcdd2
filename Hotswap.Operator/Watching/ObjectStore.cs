using System.Globalization;
using Hotswap.Effects.Kubernetes;
using k8s.Models;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Hotswap.Operator.Watching;

/// <summary>
/// An informer's in-memory copy of one resource, by namespace and name, and the cache-backed
/// <see cref="IObjectSource{T}"/> the adapters read in <c>hotswap run</c>. It never goes back in
/// time: a watch event or a write's result older than what it holds (by resourceVersion) is
/// ignored, so a write seen here first (read-your-writes) is not undone by the watch catching up.
/// <para>
/// resourceVersions are opaque to clients by the API's contract; in practice (etcd's revision) they
/// are integers that grow, and that is what "older" means here. When either of two versions is not
/// an integer the newer arrival wins, as an informer without read-your-writes would behave.
/// </para>
/// Thread-safe: the watch writes while workers read.
/// </summary>
public sealed class ObjectStore<T> : IObjectSource<T> where T : class
{
    private sealed record Entry(T Object, V1ObjectMeta Meta);

    private readonly object gate = new();
    private readonly Dictionary<string, Dictionary<string, Entry>> byNamespace = new(StringComparer.Ordinal);
    private readonly Func<T, V1ObjectMeta> metaOf;
    private readonly Func<T, T> prepare;

    /// <param name="metaOf">The object's metadata.</param>
    /// <param name="prepare">Makes an arriving object safe to share between threads (JSON nodes materialised); identity by default.</param>
    public ObjectStore(Func<T, V1ObjectMeta> metaOf, Func<T, T>? prepare = null)
    {
        this.metaOf = metaOf;
        this.prepare = prepare ?? (o => o);
    }

    /// <summary>One change the store took: the object before (none when added) and after (none when deleted).</summary>
    public sealed record Change(T? Old, T? New);

    public int Count
    {
        get { lock (gate) return byNamespace.Values.Sum(d => d.Count); }
    }

    /// <summary>Every object held now.</summary>
    public IReadOnlyList<T> All()
    {
        lock (gate) return [.. byNamespace.Values.SelectMany(d => d.Values).Select(e => e.Object)];
    }

    /// <summary>The resourceVersion held for the object, if any.</summary>
    public string? VersionOf(string @namespace, string name)
    {
        lock (gate) return Find(@namespace, name)?.Meta.ResourceVersion;
    }

    /// <summary>
    /// A watch's ADDED or MODIFIED: taken unless older than what is held. An object being deleted
    /// whose last finalizer is gone is gone: it leaves the store, as with <see cref="Wrote"/> (else
    /// a MODIFIED seen after our own write dropped it would bring it back, and a DELETED no newer
    /// than it would not take it away again).
    /// </summary>
    public Change? Upsert(T obj)
    {
        obj = prepare(obj);
        var meta = metaOf(obj);
        lock (gate)
        {
            var held = Find(meta.NamespaceProperty ?? "", meta.Name);
            if (held is not null && Older(meta.ResourceVersion, held.Meta.ResourceVersion)) return null;
            if (meta.DeletionTimestamp is not null && (meta.Finalizers is null || meta.Finalizers.Count == 0))
            {
                if (held is null) return null;
                Drop(meta.NamespaceProperty ?? "", meta.Name);
                return new Change(held.Object, null);
            }
            Put(new Entry(obj, meta));
            return new Change(held?.Object, obj);
        }
    }

    /// <summary>A watch's DELETED: the object goes unless what is held is newer (it was made again since).</summary>
    public Change? Remove(T obj)
    {
        var meta = metaOf(obj);
        lock (gate)
        {
            var held = Find(meta.NamespaceProperty ?? "", meta.Name);
            if (held is null || Older(meta.ResourceVersion, held.Meta.ResourceVersion)) return null;
            Drop(meta.NamespaceProperty ?? "", meta.Name);
            return new Change(held.Object, null);
        }
    }

    /// <summary>
    /// A fresh list of <paramref name="scope"/> (a namespace; null: every namespace) at
    /// <paramref name="listVersion"/>: each object becomes the newer of the listed and the held one;
    /// a held object the list lacks goes, unless it is newer than the list (written since).
    /// Returns every object the list brought or removed, for the controller to look at.
    /// </summary>
    public IReadOnlyList<Change> Replace(string? scope, IEnumerable<T> items, string listVersion)
    {
        var changes = new List<Change>();
        lock (gate)
        {
            var listed = new System.Collections.Generic.HashSet<(string, string)>();
            foreach (var item in items)
            {
                var obj = prepare(item);
                var meta = metaOf(obj);
                var key = (meta.NamespaceProperty ?? "", meta.Name);
                listed.Add(key);
                var held = Find(key.Item1, key.Item2);
                if (held is not null && Older(meta.ResourceVersion, held.Meta.ResourceVersion))
                {
                    changes.Add(new Change(held.Object, held.Object));
                    continue;
                }
                Put(new Entry(obj, meta));
                changes.Add(new Change(held?.Object, obj));
            }
            var stale = byNamespace.Where(kv => scope is null || kv.Key == scope)
                .SelectMany(kv => kv.Value.Values)
                .Where(e => !listed.Contains((e.Meta.NamespaceProperty ?? "", e.Meta.Name)) && !Older(listVersion, e.Meta.ResourceVersion))
                .ToList();
            foreach (var e in stale)
            {
                Drop(e.Meta.NamespaceProperty ?? "", e.Meta.Name);
                changes.Add(new Change(e.Object, null));
            }
        }
        return changes;
    }

    // ---- IObjectSource: what the adapters read and tell

    public Task<Option<T>> GetAsync(string @namespace, string name)
    {
        lock (gate) return Task.FromResult(Optional(Find(@namespace, name)?.Object));
    }

    public Task<Seq<T>> ListAsync(string @namespace, Map<string, string> labels) => Task.FromResult(List(@namespace, labels));

    /// <summary>The objects in <paramref name="namespace"/> carrying every label of <paramref name="labels"/>.</summary>
    public Seq<T> List(string @namespace, Map<string, string> labels)
    {
        lock (gate)
        {
            if (!byNamespace.TryGetValue(@namespace, out var objects)) return Seq<T>();
            return objects.Values.Where(e => Matches(e.Meta, labels)).Select(e => e.Object).ToSeq().Strict();
        }
    }

    /// <summary>
    /// Read-your-writes: kept when not older than what is held. A System whose last finalizer a
    /// write removed while it was being deleted is gone, and leaves the store.
    /// </summary>
    public void Wrote(T written)
    {
        var meta = metaOf(written);
        if (meta.DeletionTimestamp is not null && (meta.Finalizers is null || meta.Finalizers.Count == 0))
        {
            Deleted(meta.NamespaceProperty ?? "", meta.Name);
            return;
        }
        Upsert(written);
    }

    public void Deleted(string @namespace, string name)
    {
        lock (gate) Drop(@namespace, name);
    }

    private static bool Matches(V1ObjectMeta meta, Map<string, string> labels) =>
        labels.ForAll((k, v) => meta.Labels is not null && meta.Labels.TryGetValue(k, out var have) && have == v);

    private Entry? Find(string @namespace, string name) =>
        byNamespace.TryGetValue(@namespace, out var d) && d.TryGetValue(name, out var e) ? e : null;

    private void Put(Entry e)
    {
        var ns = e.Meta.NamespaceProperty ?? "";
        if (!byNamespace.TryGetValue(ns, out var d)) byNamespace[ns] = d = new Dictionary<string, Entry>(StringComparer.Ordinal);
        d[e.Meta.Name] = e;
    }

    private void Drop(string @namespace, string name)
    {
        if (!byNamespace.TryGetValue(@namespace, out var d)) return;
        d.Remove(name);
        if (d.Count == 0) byNamespace.Remove(@namespace);
    }

    /// <summary>True when <paramref name="candidate"/> is older than <paramref name="held"/>; see the class comment.</summary>
    public static bool Older(string? candidate, string? held) =>
        ulong.TryParse(candidate, NumberStyles.None, CultureInfo.InvariantCulture, out var c)
        && ulong.TryParse(held, NumberStyles.None, CultureInfo.InvariantCulture, out var h)
        && c < h;
}
