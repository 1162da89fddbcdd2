using Hotswap.Core.Planning;
using Hotswap.Core.Spec;

namespace Hotswap.Core.Validation;

public static partial class SystemValidation
{
    /// <summary>
    /// With two or more clusters an empty selector would put the application on all of them;
    /// that is almost never meant, so the selector must say which.
    /// </summary>
    public static Validation<SpecError, Unit> ClusterSelectorIsSetWhenSeveralClusters(SystemSpec spec) =>
        Report(Apps(spec)
            .Where(a => a.App.ClusterSelector.IsEmpty && spec.Clusters.Count >= 2)
            .Select(a => new SpecError("selector-required", $"{a.Path}.clusterSelector",
                $"application \"{a.App.Name}\": clusterSelector is required when the System has 2 or more clusters ({Names(spec.Clusters)})")));

    /// <summary>A selector that matches nothing is a typo or a reference to a cluster that is not in the System.</summary>
    public static Validation<SpecError, Unit> ClusterSelectorMatchesSomeCluster(SystemSpec spec) =>
        Report(Apps(spec)
            .Where(a => Matched(spec, a.App).IsEmpty)
            .Select(a => new SpecError("selector-matches-nothing", $"{a.Path}.clusterSelector",
                $"application \"{a.App.Name}\": clusterSelector {Show(a.App.ClusterSelector)} matches no cluster; known labels: {KnownLabels(spec)}")));

    static string Show(Map<string, string> selector) =>
        selector.IsEmpty ? "{}" : selector.FormatLabels();

    static string KnownLabels(SystemSpec spec)
    {
        var pairs = spec.Clusters.SelectMany(c => c.Labels.AsEnumerable().Select(kv => $"{kv.Key}={kv.Value}"))
            .Distinct().OrderBy(p => p, StringComparer.Ordinal).ToList();
        return pairs.Count == 0 ? "(none; the System has no cluster labels)" : string.Join(", ", pairs);
    }
}
