using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using static Hotswap.Core.Documents.DocNode;

namespace Hotswap.Core.Documents;

/// <summary>
/// A <see cref="SystemPlan"/> as JSON, for <c>hotswap plan --output json</c> and golden files.
/// Keys come in a fixed order, children in the plan's order, maps sorted by key, so the same
/// plan is byte-identical output on every run.
/// </summary>
public static class PlanDocument
{
    /// <summary>
    /// <c>{"now", "system": {commands, status, requeueAfter}, "argocdClusters": [{name, commands,
    /// status, requeueAfter}], "deployments": [...], "checks": [...]}</c>. Each command is
    /// <c>{action, target, detail, destructive, type, ...its own fields}</c>; durations read like
    /// <c>30s</c>, times like <c>2026-11-24T10:03:00Z</c>.
    /// </summary>
    public static string ToJson(SystemPlan plan) => JsonText.Write(Fields(
        ("now", Of(plan.Now)),
        ("system", Decision(plan.System, DocumentShapes.SystemStatus)),
        ("argocdClusters", Items(plan.ArgoCDClusters, d => Named(d, DocumentShapes.ArgoCDClusterStatus))),
        ("deployments", Items(plan.Deployments, d => Named(d, DocumentShapes.DeploymentStatus))),
        ("checks", Items(plan.Checks, d => Named(d, DocumentShapes.CheckStatus)))));

    private static DocNode Decision<TStatus>(Decision<TStatus> d, Func<TStatus, DocNode> status) => Fields(
        ("commands", Items(d.Commands, Command)),
        ("status", status(d.Status)),
        ("requeueAfter", Of(d.RequeueAfter, Of)));

    private static DocNode Named<TStatus>(NamedDecision<TStatus> d, Func<TStatus, DocNode> status) =>
        Merge(Fields(("name", Of(d.Name))), Decision(d.Decision, status));

    private static DocNode Command(Command c) => Merge(
        Fields(
            ("action", Of(c.Action)),
            ("target", Of(c.Target)),
            ("detail", Of(c.Detail)),
            ("destructive", Of(c.Destructive)),
            ("type", Of(c.GetType().Name))),
        Data(c));

    /// <summary>Each command's own data; one case per command in the closed set.</summary>
    private static DocNode Data(Command c) => c switch
    {
        Command.SaveRevision x => Fields(
            ("system", Of(x.System)),
            ("revision", DocumentShapes.Revision(x.Revision))),
        Command.ApplyArgoCDCluster x => Fields(("spec", DocumentShapes.ArgoCDClusterSpec(x.Spec))),
        Command.ApplyApplicationDeployment x => Fields(("spec", DocumentShapes.DeploymentSpec(x.Spec))),
        Command.ApplyCheck x => Fields(("spec", DocumentShapes.CheckSpec(x.Spec))),
        Command.DeleteCheck x => Fields(("name", Of(x.Name))),
        Command.DeleteArgoCDCluster x => Fields(("name", Of(x.Name))),
        Command.SetForwardWeights x => Fields(
            ("application", Of(x.Application)),
            ("listenerARN", Of(x.Rule.ListenerArn)),
            ("priority", Of(x.Rule.Priority)),
            ("forward", DocumentShapes.Forward(x.Forward))),
        Command.CreateJob x => Fields(
            ("name", Of(x.Name)),
            ("application", Of(x.Application)),
            ("check", Of(x.Check)),
            ("kind", Of(x.Kind.ToString())),
            ("templateJson", Of(x.TemplateJson)),
            ("forwardHash", Of(x.ForwardHash))),
        Command.WriteClusterSecret x => Fields(
            ("name", Of(x.Name)),
            ("clusterName", Of(x.ClusterName)),
            ("server", Of(x.Server)),
            ("config", Of(x.Config))),
        Command.JoinMembership x => Fields(
            ("secret", Of(x.Secret)),
            ("set", Of(x.Set)),
            ("labels", Labels(x.Labels))),
        Command.LeaveMembership x => Fields(
            ("secret", Of(x.Secret)),
            ("set", Of(x.Set)),
            ("labels", Labels(x.Labels)),
            ("decommissions", Strings(x.Decommissions))),
        Command.RunAnalysis x => Fields(
            ("check", Of(x.Check)),
            ("provider", Of(DocumentShapes.Provider(x.Provider))),
            ("query", Of(x.Query))),
        _ => throw new ArgumentOutOfRangeException(nameof(c), c.GetType().Name, "not a known command"),
    };
}
