namespace Hotswap.EndToEnd.Tests.Safety;

/// <summary>
/// One write as a server saw it, in the order the world went through them: the listener rule's
/// forward configuration as a ModifyRule sent it to AWS, and the ArgoCD cluster secrets and
/// Applications as the Kubernetes API server stored them. The safety checker replays these.
/// </summary>
public abstract record HistoryEvent
{
    private HistoryEvent()
    {
    }

    /// <summary>A ModifyRule that set <paramref name="RuleArn"/>'s forward action to these target groups.</summary>
    /// <param name="Writer">Who sent it (a replica's identity), for the report; "" when unknown.</param>
    public sealed record RuleWritten(string RuleArn, IReadOnlyList<TargetGroupWeight> TargetGroups, string Writer = "") : HistoryEvent
    {
        public bool Equals(RuleWritten? other) =>
            other is not null && RuleArn == other.RuleArn && Writer == other.Writer && TargetGroups.SequenceEqual(other.TargetGroups);

        public override int GetHashCode() => HashCode.Combine(RuleArn, TargetGroups.Count, Writer);

        public override string ToString() =>
            $"ModifyRule {Short(RuleArn)} [{string.Join(", ", TargetGroups.Select(t => $"{Short(t.Arn)} {t.Weight?.ToString() ?? "-"}"))}]"
            + (Writer.Length > 0 ? $" by {Writer}" : "");
    }

    /// <summary>An ArgoCD cluster secret created or changed: its ArgoCD cluster name (data.name) and labels.</summary>
    public sealed record SecretWritten(string Name, string ClusterName, IReadOnlyDictionary<string, string> Labels) : HistoryEvent
    {
        public bool Equals(SecretWritten? other) =>
            other is not null && Name == other.Name && ClusterName == other.ClusterName
            && Labels.Count == other.Labels.Count && Labels.All(l => other.Labels.TryGetValue(l.Key, out var v) && v == l.Value);

        public override int GetHashCode() => HashCode.Combine(Name, ClusterName, Labels.Count);

        public override string ToString() =>
            $"secret {Name} {{{string.Join(", ", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))}}}";
    }

    public sealed record SecretDeleted(string Name) : HistoryEvent
    {
        public override string ToString() => $"secret {Name} deleted";
    }

    /// <summary>An ArgoCD Application created or changed: the cluster it deploys to and whether it is Synced and Healthy.</summary>
    public sealed record ApplicationWritten(string Name, string Destination, bool SyncedAndHealthy) : HistoryEvent
    {
        public override string ToString() => $"application {Name} → {Destination} {(SyncedAndHealthy ? "Synced/Healthy" : "not ready")}";
    }

    public sealed record ApplicationDeleted(string Name) : HistoryEvent
    {
        public override string ToString() => $"application {Name} deleted";
    }

    private static string Short(string arn) => arn[(arn.LastIndexOf(':') + 1)..];
}
