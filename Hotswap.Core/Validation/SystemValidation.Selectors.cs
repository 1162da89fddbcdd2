using System.Text.RegularExpressions;
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

    /// <summary>
    /// Every selector is one Kubernetes would accept (metav1 ValidateLabelSelector): In and
    /// NotIn need values, Exists and DoesNotExist take none, keys are not empty. Selectors of
    /// Kubernetes objects (applicationSet.selector, targetGroupBindingSelector) also need valid
    /// label keys and values; clusterSelector matches the System's own cluster labels, which may
    /// hold ARNs, so its values are free text. An empty targetGroupBindingSelector would match
    /// every TargetGroupBinding in the cluster and is refused.
    /// </summary>
    public static Validation<SpecError, Unit> SelectorsAreWellFormed(SystemSpec spec) =>
        Report(Apps(spec).SelectMany(a =>
            SelectorErrors(a.App, $"{a.Path}.clusterSelector", "clusterSelector", a.App.ClusterSelector, kubernetesLabels: false)
            .Concat(SelectorErrors(a.App, $"{a.Path}.argocd.applicationSet.selector", "argocd.applicationSet.selector",
                a.App.ArgoCd.ApplicationSet.Selector, kubernetesLabels: true))
            .Concat(a.App.Alb.ToSeq().SelectMany(alb => alb.TargetGroup is TargetGroupSource.FromBindingSelector b
                ? BindingSelectorErrors(a.App, $"{a.Path}.alb.forwardConfig.targetGroup.targetGroupBindingSelector", b.Selector)
                : []))));

    static IEnumerable<SpecError> BindingSelectorErrors(ApplicationSpec app, string path, LabelSelector selector) =>
        selector.IsEmpty
            ? [new SpecError("empty-selector", path,
                $"application \"{app.Name}\": targetGroupBindingSelector is empty and would match every TargetGroupBinding in the cluster; give the labels of the binding to use, e.g. {{matchLabels: {{svc: {app.Name}}}}}")]
            : SelectorErrors(app, path, "targetGroupBindingSelector", selector, kubernetesLabels: true);

    static IEnumerable<SpecError> SelectorErrors(
        ApplicationSpec app, string path, string field, LabelSelector selector, bool kubernetesLabels)
    {
        var who = $"application \"{app.Name}\": {field}";
        foreach (var (key, value) in selector.MatchLabels)
        {
            if (KeyProblem(key, kubernetesLabels) is { } k)
                yield return new SpecError("invalid-selector", $"{path}.matchLabels.{key}", $"{who}: {k}");
            if (kubernetesLabels && ValueProblem(value) is { } v)
                yield return new SpecError("invalid-selector", $"{path}.matchLabels.{key}", $"{who}: {v}");
        }
        foreach (var (r, i) in selector.MatchExpressions.Select((r, i) => (r, i)))
        {
            var at = $"{path}.matchExpressions[{i}]";
            if (KeyProblem(r.Key, kubernetesLabels) is { } k)
                yield return new SpecError("invalid-selector", $"{at}.key", $"{who}: {k}");
            var wantsValues = r.Operator is SelectorOperator.In or SelectorOperator.NotIn;
            if (wantsValues && r.Values.IsEmpty)
                yield return new SpecError("invalid-selector", $"{at}.values",
                    $"{who}: values must be non-empty when operator is {r.Operator} (key \"{r.Key}\"); use Exists or DoesNotExist to test only for the label");
            if (!wantsValues && !r.Values.IsEmpty)
                yield return new SpecError("invalid-selector", $"{at}.values",
                    $"{who}: values must be empty when operator is {r.Operator} (key \"{r.Key}\"), got {r.Values.Count}");
            if (kubernetesLabels)
                foreach (var v in r.Values.Choose(x => Optional(ValueProblem(x))))
                    yield return new SpecError("invalid-selector", $"{at}.values", $"{who}: {v}");
        }
    }

    static readonly Regex LabelName = new(@"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$", RegexOptions.CultureInvariant);
    static readonly Regex Subdomain = new(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant);

    /// <summary>Kubernetes' qualified name: an optional DNS subdomain prefix and "/", then a name of at most 63.</summary>
    static string? KeyProblem(string key, bool kubernetesLabels)
    {
        if (key.Length == 0) return "a label key must not be empty";
        if (!kubernetesLabels) return null;
        var slash = key.LastIndexOf('/');
        var (prefix, name) = slash < 0 ? ("", key) : (key[..slash], key[(slash + 1)..]);
        var ok = name.Length is > 0 and <= 63 && LabelName.IsMatch(name)
                 && (slash < 0 || prefix.Length is > 0 and <= 253 && Subdomain.IsMatch(prefix));
        return ok ? null
            : $"\"{key}\" is not a valid label key: an optional DNS subdomain prefix and '/', then at most 63 of [A-Za-z0-9-_.], starting and ending alphanumeric";
    }

    static string? ValueProblem(string value) =>
        value.Length == 0 || value.Length <= 63 && LabelName.IsMatch(value) ? null
            : $"\"{value}\" is not a valid label value: at most 63 of [A-Za-z0-9-_.], starting and ending alphanumeric, or empty";

    static string Show(LabelSelector selector) => selector.Format();

    static string KnownLabels(SystemSpec spec)
    {
        var pairs = spec.Clusters.SelectMany(c => c.Labels.AsEnumerable().Select(kv => $"{kv.Key}={kv.Value}"))
            .Distinct().OrderBy(p => p, StringComparer.Ordinal).ToList();
        return pairs.Count == 0 ? "(none; the System has no cluster labels)" : string.Join(", ", pairs);
    }
}
