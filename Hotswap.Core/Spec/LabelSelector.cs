using LanguageExt;
using static LanguageExt.Prelude;
using LanguageExt.UnsafeValueAccess;

namespace Hotswap.Core.Spec;

/// <summary>
/// A Kubernetes label selector (metav1.LabelSelector): every matchLabels pair and every
/// matchExpressions requirement must hold (they are ANDed). Used by clusterSelector,
/// argocd.applicationSet.selector and alb.forwardConfig.targetGroup.targetGroupBindingSelector.
/// </summary>
/// <remarks>
/// As in Kubernetes' LabelSelectorAsSelector, a selector with no requirements matches
/// everything; where that would be a mistake, validation says so (see docs/system-spec.md).
/// </remarks>
/// <param name="MatchLabels">Labels that must be present with exactly these values.</param>
/// <param name="MatchExpressions">Set-based requirements: In, NotIn, Exists, DoesNotExist.</param>
public sealed record LabelSelector(Map<string, string> MatchLabels, Seq<LabelSelectorRequirement> MatchExpressions)
{
    /// <summary>No requirements: matches every set of labels.</summary>
    public static readonly LabelSelector Everything = new(Map<string, string>(), Seq<LabelSelectorRequirement>());

    /// <summary>SEED.md's flat map (<c>clusterSelector: {role: web}</c>) is shorthand for matchLabels.</summary>
    public static implicit operator LabelSelector(Map<string, string> matchLabels) =>
        new(matchLabels, Seq<LabelSelectorRequirement>());

    public static LabelSelector Labels(params (string Key, string Value)[] pairs) => toMap(pairs);

    public bool IsEmpty => MatchLabels.IsEmpty && MatchExpressions.IsEmpty;

    /// <summary>Whether <paramref name="labels"/> satisfy every requirement.</summary>
    public bool Matches(Map<string, string> labels)
    {
        foreach (var (key, value) in MatchLabels)
        {
            var found = labels.Find(key);
            if (found.IsNone || found.ValueUnsafe() != value) return false;
        }
        foreach (var requirement in MatchExpressions)
            if (!requirement.Matches(labels)) return false;
        return true;
    }

    /// <summary>
    /// kubectl's <c>-l</c> syntax, requirements sorted by key as Kubernetes prints them:
    /// <c>role=web,tier in (a,b)</c>; "{}" (match everything) when empty.
    /// </summary>
    public string Format()
    {
        if (IsEmpty) return "{}";
        var parts = MatchLabels.AsEnumerable().Select(kv => (kv.Key, Text: $"{kv.Key}={kv.Value}"))
            .Concat(MatchExpressions.Select(r => (r.Key, Text: r.Format())))
            .OrderBy(p => p.Key, StringComparer.Ordinal);
        return string.Join(",", parts.Select(p => p.Text));
    }

    public override string ToString() => Format();
}
