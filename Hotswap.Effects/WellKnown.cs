namespace Hotswap.Effects;

/// <summary>Label and annotation keys hotswap reads and writes on objects it does not own the schema of.</summary>
public static class WellKnown
{
    public const string SecretTypeLabel = "argocd.argoproj.io/secret-type";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedBy = "hotswap";
    public const string SystemLabel = "hotswap.mumoshu.github.io/system";
    public const string ApplicationLabel = "hotswap.mumoshu.github.io/application";
    public const string CheckLabel = "hotswap.mumoshu.github.io/check";
    public const string JobKindLabel = "hotswap.mumoshu.github.io/job-kind";
    public const string ForwardHashLabel = "hotswap.mumoshu.github.io/forward-hash";

    /// <summary>Membership sets a cluster secret belongs to, comma-separated and sorted, so leaving removes exactly what joining added.</summary>
    public const string MembershipsAnnotation = "hotswap.mumoshu.github.io/memberships";

    public static Set<string> ParseMemberships(Map<string, string> annotations) =>
        toSet(annotations.Find(MembershipsAnnotation).IfNone("")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static string FormatMemberships(Set<string> sets) =>
        string.Join(",", sets.OrderBy(s => s, StringComparer.Ordinal));
}
