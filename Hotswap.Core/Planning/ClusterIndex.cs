using Hotswap.Core.Spec;

namespace Hotswap.Core.Planning;

/// <summary>A System's clusters by label, so matching a selector costs the smallest label bucket, not every cluster.</summary>
public sealed class ClusterIndex
{
    private readonly Seq<ClusterSpec> all;
    private readonly Dictionary<(string Key, string Value), List<ClusterSpec>> byLabel = new();
    private readonly Dictionary<string, ClusterSpec> byName = new(StringComparer.Ordinal);

    public ClusterIndex(Seq<ClusterSpec> clusters)
    {
        all = clusters.OrderBy(c => c.Name, StringComparer.Ordinal).ToSeq().Strict();
        foreach (var c in all) byName.TryAdd(c.Name, c);
        foreach (var c in all)
            foreach (var (k, v) in c.Labels)
            {
                if (!byLabel.TryGetValue((k, v), out var list)) byLabel[(k, v)] = list = new List<ClusterSpec>();
                list.Add(c);
            }
    }

    /// <summary>
    /// Clusters whose labels match the selector, sorted by name. The matchLabels pairs pick the
    /// smallest bucket; matchExpressions (and the other pairs) filter it.
    /// </summary>
    public Seq<ClusterSpec> Matching(LabelSelector selector)
    {
        if (selector.IsEmpty) return all;
        IEnumerable<ClusterSpec>? smallest = selector.MatchLabels.IsEmpty ? all : null;
        foreach (var (k, v) in selector.MatchLabels)
        {
            if (!byLabel.TryGetValue((k, v), out var list)) return Seq<ClusterSpec>();
            if (smallest is null || list.Count < smallest.Count()) smallest = list;
        }
        var matching = new List<ClusterSpec>();
        foreach (var c in smallest!)
            if (selector.Matches(c.Labels)) matching.Add(c);
        return toSeq(matching);
    }

    /// <summary>The spec cluster of that name, if the spec has one.</summary>
    public Option<ClusterSpec> Named(string name) => byName.TryGetValue(name, out var c) ? Some(c) : None;
}
