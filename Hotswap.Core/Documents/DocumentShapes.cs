using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using static Hotswap.Core.Documents.DocNode;

namespace Hotswap.Core.Documents;

/// <summary>
/// Each record as a <see cref="DocNode"/>, field names camelCase as in Kubernetes. World files and
/// plan JSON share these, and <see cref="WorldReader"/> reads the same names back.
/// Collections keyed by name are written sorted by key (ordinal) so output is stable.
/// </summary>
internal static class DocumentShapes
{
    public static DocNode World(World w) => Fields(
        ("eksClusters", Items(ByKey(w.EksClusters), EksCluster)),
        ("clusterSecrets", Items(ByKey(w.ClusterSecrets), ClusterSecret)),
        ("applicationSets", Items(w.ApplicationSets, ApplicationSet)),
        ("applications", Items(w.Applications, Application)),
        ("rules", Items(w.Rules.Values
            .OrderBy(r => r.Key.ListenerArn, StringComparer.Ordinal)
            .ThenBy(r => r.Key.Priority), Rule)),
        ("targetGroupBindings", Items(w.TargetGroupBindings, Binding)),
        ("jobs", Items(ByKey(w.Jobs), Job)),
        ("revision", Of(w.Revision, Revision)),
        ("argocdClusters", Items(ByKey(w.ArgoCDClusters), ArgoCDCluster)),
        ("deployments", Items(ByKey(w.Deployments), Deployment)),
        ("checks", Items(ByKey(w.Checks), Check)),
        ("systemStatus", Of(w.SystemStatus, SystemStatus)),
        ("lifecycle", Of(w.Lifecycle, Lifecycle)),
        ("controls", Labels(w.Controls.Annotations)));

    public static DocNode Lifecycle(SystemLifecycle l) => (Fields(
        ("finalizer", Of(l.HasFinalizer)),
        ("deletionRequestedAt", Of(l.DeletionRequestedAt, Of))) as DocNode.Map)! with { KeepEmpty = true };

    private static IEnumerable<T> ByKey<T>(HashMap<string, T> map) =>
        map.AsEnumerable().OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value);

    public static DocNode EksCluster(EksCluster c) => Fields(
        ("name", Of(c.Name)),
        ("state", Of(EksState(c.State))),
        ("endpoint", Of(c.Endpoint, Of)),
        ("certificateAuthority", Of(c.CertificateAuthority, Of)),
        ("arn", Of(c.Arn, Of)));

    /// <summary>EKS spells its states in capitals: ACTIVE, CREATING.</summary>
    public static string EksState(EksClusterState s) => s.ToString().ToUpperInvariant();

    public static DocNode ClusterSecret(ClusterSecret s) => Fields(
        ("name", Of(s.Name)),
        ("server", Of(s.Server)),
        ("config", Of(s.Config)),
        ("labels", Labels(s.Labels)),
        ("memberships", Strings(s.Memberships.OrderBy(m => m, StringComparer.Ordinal))));

    public static DocNode ApplicationSet(ApplicationSetState s) => Fields(
        ("name", Of(s.Name)),
        ("labels", Labels(s.Labels)),
        ("clusterSelector", Labels(s.ClusterSelector)),
        ("preserveResourcesOnDeletion", Of(s.PreserveResourcesOnDeletion)));

    public static DocNode Application(ArgoApplication a) => Fields(
        ("name", Of(a.Name)),
        ("applicationSet", Of(a.ApplicationSet)),
        ("destination", Of(a.DestinationCluster)),
        ("sync", Of(a.Sync)),
        ("health", Of(a.Health)));

    public static DocNode Rule(ListenerRule r) => Fields(
        ("listenerARN", Of(r.Key.ListenerArn)),
        ("priority", Of(r.Key.Priority)),
        ("ruleARN", Of(r.RuleArn)),
        ("forward", Forward(r.Forward)));

    /// <summary>A forward config as a list of {targetGroupARN, weight}, in its normalised (ARN) order.</summary>
    public static DocNode Forward(ForwardConfig f) => Items(f.TargetGroups, t => Fields(
        ("targetGroupARN", Of(t.Arn)),
        ("weight", Of(t.Weight))), keepEmpty: true);

    public static DocNode Binding(TargetGroupBinding b) => Fields(
        ("cluster", Of(b.Cluster)),
        ("name", Of(b.Name)),
        ("labels", Labels(b.Labels)),
        ("targetGroupARN", Of(b.TargetGroupArn)));

    public static DocNode Job(JobState j) => Fields(
        ("name", Of(j.Name)),
        ("phase", Of(j.Phase.ToString())),
        ("message", Of(j.Message)),
        ("application", j.Application.Length == 0 ? Nothing : Of(j.Application)),
        ("created", Of(j.Created, Of)));

    public static DocNode Revision(Revision r) => Fields(
        ("number", Of(r.Number)),
        ("specHash", Of(r.SpecHash)),
        ("applications", new DocNode.Map(r.Applications.AsEnumerable()
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, ApplicationRevision(kv.Value)))
            .ToArray())));

    private static DocNode ApplicationRevision(ApplicationRevision a) => (Fields(
        ("members", Strings(a.Members)),
        ("forward", Of(a.Forward, Forward))) as DocNode.Map)! with { KeepEmpty = true };

    public static DocNode ArgoCDCluster(ArgoCDClusterObject o) => Fields(
        ("spec", ArgoCDClusterSpec(o.Spec)),
        ("status", ArgoCDClusterStatus(o.Status)));

    public static DocNode ArgoCDClusterSpec(ArgoCDClusterSpec s) => Fields(
        ("name", Of(s.Name)),
        ("system", Of(s.System)),
        ("cluster", Of(s.Cluster)),
        ("eksClusterName", Of(s.EksClusterName)),
        ("roleARN", Of(s.RoleArn, Of)),
        ("requireReady", Of(s.RequireReady)),
        ("readyTimeout", Of(s.ReadyTimeout, Of)),
        ("labels", Labels(s.Labels)));

    public static DocNode ArgoCDClusterStatus(ArgoCDClusterStatus s) => Merge(Fields(
        ("phase", Of(s.Phase)),
        ("ready", Of(s.Ready)),
        ("message", Of(s.Message)),
        ("endpoint", Of(s.Endpoint, Of))),
        Common(s.ObservedGeneration, s.Conditions, s.LastFailure));

    /// <summary>What every child's status ends with: observedGeneration, conditions, lastFailure.</summary>
    private static DocNode Common(long observedGeneration, Seq<Condition> conditions, Option<CommandFailure> lastFailure) => Fields(
        ("observedGeneration", Of(observedGeneration)),
        ("conditions", Items(conditions, Condition)),
        ("lastFailure", Of(lastFailure, Failure)));

    public static DocNode Failure(CommandFailure f) => Fields(
        ("action", Of(f.Action)),
        ("target", Of(f.Target)),
        ("at", Of(f.At)),
        ("code", Of(f.Code)),
        ("message", Of(f.Message)));

    public static DocNode Deployment(ApplicationDeploymentObject o) => Fields(
        ("spec", DeploymentSpec(o.Spec)),
        ("status", DeploymentStatus(o.Status)));

    public static DocNode DeploymentSpec(ApplicationDeploymentSpec s) => Fields(
        ("name", Of(s.Name)),
        ("system", Of(s.System)),
        ("application", Of(s.Application)),
        ("clusterNames", Strings(s.ClusterNames)),
        ("clusterSecret", Fields(
            ("name", Of(s.ClusterSecret.Name)),
            ("labels", Labels(s.ClusterSecret.Labels)))),
        ("applicationSet", Fields(
            ("name", Of(s.ApplicationSet.Name, Of)),
            ("selector", Selector(s.ApplicationSet.Selector)))),
        ("updateStrategy", Of(s.UpdateStrategy.ToString())));

    /// <summary>A label selector in its canonical form; empty parts are left out, so "{}" matches everything.</summary>
    public static DocNode Selector(LabelSelector s) => new DocNode.Map(
        (s.MatchLabels.IsEmpty ? [] : new[] { KeyValuePair.Create("matchLabels", Labels(s.MatchLabels)) })
        .Concat(s.MatchExpressions.IsEmpty ? [] : new[] { KeyValuePair.Create("matchExpressions", Items(s.MatchExpressions, r => Fields(
            ("key", Of(r.Key)),
            ("operator", Of(r.Operator.ToString())),
            ("values", Strings(r.Values))))) })
        .ToArray());

    public static DocNode DeploymentStatus(ApplicationDeploymentStatus s) => Merge(Fields(
        ("phase", Of(s.Phase)),
        ("message", Of(s.Message)),
        ("members", Strings(s.Members)),
        ("deployed", Strings(s.Deployed))),
        Common(s.ObservedGeneration, s.Conditions, s.LastFailure));

    public static DocNode Check(CheckObject o) => Fields(
        ("spec", CheckSpec(o.Spec)),
        ("status", CheckStatus(o.Status)));

    public static DocNode CheckSpec(CheckObjectSpec s) => Fields(
        ("name", Of(s.Name)),
        ("system", Of(s.System)),
        ("application", Of(s.Application)),
        ("check", Of(s.Check)),
        ("cluster", Of(s.Cluster, Of)),
        ("query", Of(s.Query)),
        ("min", Of(s.Min, Of)),
        ("max", Of(s.Max, Of)),
        ("interval", Of(s.Interval)),
        ("provider", Of(Provider(s.Provider))),
        ("failureLimit", Of(s.FailureLimit)),
        ("inconclusiveLimit", Of(s.InconclusiveLimit)),
        ("suspended", Of(s.Suspended)),
        ("analysisHash", Of(s.AnalysisHash)),
        ("notBefore", Of(s.NotBefore, Of)));

    /// <summary>Providers are spelled in lower case, as in the System manifest: datadog, prometheus.</summary>
    public static string Provider(MetricProvider p) => p.ToString().ToLowerInvariant();

    public static DocNode CheckStatus(CheckStatus s) => Merge(Fields(
        ("lastPassed", Of(s.LastPassed, Of)),
        ("lastRunTime", Of(s.LastRunTime, Of)),
        ("observedHash", Of(s.ObservedHash)),
        ("results", Items(s.Results, Measurement)),
        ("message", Of(s.Message)),
        ("activeSince", Of(s.ActiveSince, Of))),
        Common(s.ObservedGeneration, s.Conditions, s.LastFailure));

    public static DocNode Measurement(Measurement m) => Fields(
        ("time", Of(m.Time)),
        ("value", Of(m.Value, Of)),
        ("outcome", Of(m.Outcome.ToString())),
        ("message", Of(m.Message)));

    public static DocNode SystemStatus(SystemStatus s) => Fields(
        ("observedGeneration", Of(s.ObservedGeneration)),
        ("phase", Of(s.Phase.ToString())),
        ("message", Of(s.Message)),
        ("progress", Of(s.Progress)),
        ("conditions", Items(s.Conditions, Condition)),
        ("applications", Items(s.Applications, ApplicationStatus)),
        ("waitingForClustersSince", Of(s.WaitingForClustersSince, Of)),
        ("lastFailure", Of(s.LastFailure, Failure)));

    public static DocNode Condition(Condition c) => Fields(
        ("type", Of(c.Type)),
        ("status", Of(c.Status)),
        ("reason", Of(c.Reason)),
        ("message", Of(c.Message)),
        ("lastTransitionTime", Of(c.LastTransitionTime)));

    public static DocNode ApplicationStatus(ApplicationStatus a) => Fields(
        ("name", Of(a.Name)),
        ("phase", Of(a.Phase.ToString())),
        ("message", Of(a.Message)),
        ("step", Of(a.Step)),
        ("steps", Of(a.Steps)),
        ("stepStartedAt", Of(a.StepStartedAt, Of)),
        ("failedAt", Of(a.FailedAt, Of)),
        ("target", Of(a.Target)),
        ("weights", Of(a.Weights, Forward)),
        ("waitingFor", a.WaitingFor.Length == 0 ? Nothing : Of(a.WaitingFor)),
        ("waitingSince", Of(a.WaitingSince, Of)),
        ("requestsHandledAt", Of(a.RequestsHandledAt, Of)),
        ("promotedFully", a.PromotedFully ? Of(true) : Nothing),
        ("lastFailure", Of(a.LastFailure, Failure)));
}
