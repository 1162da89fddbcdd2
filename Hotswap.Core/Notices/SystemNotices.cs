using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;

namespace Hotswap.Core.Notices;

/// <summary>
/// The Events of one System reconcile, from what it did: every weight write
/// (<c>Normal WeightChanged web: mycluster-web-1-v1 35, mycluster-web-2-v1 35, mycluster-web-1-v2 15,
/// mycluster-web-2-v2 15 (step 3/10)</c>), every destructive membership change naming the
/// Applications ArgoCD deletes, every application phase change (a failed check, a rollback, …), a
/// pause taking hold or ending. What became of each manual request is decided with the plan
/// (<see cref="Requests"/>).
/// </summary>
public static class SystemNotices
{
    /// <summary>
    /// Events about commands that ran (<paramref name="executed"/>: the successful ones) and, when
    /// the status was recorded, about the change from <paramref name="before"/> to <paramref name="after"/>.
    /// </summary>
    public static Seq<Notice> AfterRun(
        SystemSpec spec, World world, Option<SystemStatus> before, SystemStatus after, Seq<Command> executed, bool recorded)
    {
        Notice N(bool warning, string reason, string note) => new("System", spec.Name, warning, reason, note);
        var names = new Lazy<IReadOnlyDictionary<string, string>>(() => ClusterNamesByArn(spec, world));
        var commands = executed.Choose(c => c switch
        {
            Command.SetForwardWeights w => Some(N(false, "WeightChanged",
                $"{w.Application}: {Weights(w.Forward, names.Value)}{StepOf(after, w.Application)}")),
            Command.ApplyApplicationDeployment d when !d.Leaving.IsEmpty => Some(N(true, "Decommissioning",
                $"{d.Spec.Application}: {string.Join(", ", d.Leaving)} leave {d.Spec.ClusterSecret.Name}" +
                (d.Decommissions.IsEmpty ? "" : $"; ArgoCD deletes {string.Join(", ", d.Decommissions)} and their workloads"))),
            _ => None,
        });
        var transitions = recorded
            ? after.Applications.Bind(a => Transitions(before.Bind(b => b.Application(a.Name)), a).Map(t => N(t.Warning, t.Reason, t.Note)))
            : Seq<Notice>();
        return commands + transitions;
    }

    /// <summary>Events for what became of manual requests: Aborted, Retried, Promoted, or RequestIgnored (a Warning).</summary>
    public static Seq<Notice> Requests(string system, Seq<RequestOutcome> outcomes) =>
        outcomes.Map(r => new Notice("System", system, !r.Applied, r.Applied ? Requested(r) : "RequestIgnored", r.Message));

    private static string Requested(RequestOutcome r) => r.Request switch
    {
        Controls.ControlRequest.Abort => "Aborted",
        Controls.ControlRequest.Retry => "Retried",
        _ => "Promoted",
    };

    private static Seq<(bool Warning, string Reason, string Note)> Transitions(Option<ApplicationStatus> before, ApplicationStatus after)
    {
        var phase = before.Map(b => b.Phase);
        var changed = !phase.Exists(p => p == after.Phase)
            ? Seq1((Warning(after.Phase), Reason(after.Phase),
                $"{after.Name}: {phase.Map(p => $"{p} → ").IfNone("")}{after.Phase}: {after.Message}"))
            : Seq<(bool, string, string)>();
        var paused = after.WaitingFor == "resume" && !before.Exists(b => b.WaitingFor == "resume")
            ? Seq1((false, "Paused", $"{after.Name}: {after.Message}"))
            : before.Exists(b => b.WaitingFor == "resume") && after.WaitingFor != "resume"
                ? Seq1((false, "Resumed", $"{after.Name}: {after.Message}"))
                : Seq<(bool, string, string)>();
        return changed + paused;
    }

    private static bool Warning(ApplicationPhase phase) => phase is ApplicationPhase.CheckFailed or ApplicationPhase.PrecheckFailed
        or ApplicationPhase.Reverting or ApplicationPhase.FailedReverting or ApplicationPhase.Failed;

    private static string Reason(ApplicationPhase phase) => phase switch
    {
        ApplicationPhase.Reverting => "RollingBack",
        ApplicationPhase.Reverted => "RolledBack",
        ApplicationPhase.FailedReverting => "RollbackFailed",
        _ => phase.ToString(),
    };

    private static string StepOf(SystemStatus after, string application) =>
        after.Application(application).Filter(a => a.Phase == ApplicationPhase.Migrating)
            .Map(a => $" (step {a.Step}/{a.Steps})").IfNone("");

    /// <summary>"mycluster-web-1-v1 35, tg-foreign 10": each target group by the cluster that fronts it when known.</summary>
    public static string Weights(ForwardConfig forward, IReadOnlyDictionary<string, string> names) =>
        string.Join(", ", forward.TargetGroups
            .Map(t => (Name: names.TryGetValue(t.Arn, out var n) ? n : t.Arn, t.Weight))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => $"{t.Name} {t.Weight}"));

    /// <summary>
    /// Target group ARN → the name of the cluster that fronts it, for the System's clusters and
    /// for the clusters its ArgoCDClusters still describe (old ones the spec no longer lists).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ClusterNamesByArn(SystemSpec spec, World world)
    {
        var clusters = spec.Clusters + world.ArgoCDClusters.Values
            .Filter(o => o.Spec.System == spec.Name && !spec.Clusters.Exists(c => c.Name == o.Spec.Cluster))
            .Map(o => new ClusterSpec(o.Spec.Cluster, new EksSpec(o.Spec.EksClusterName, o.Spec.RoleArn),
                o.Spec.RequireReady, o.Spec.ReadyTimeout, o.Spec.Labels))
            .OrderBy(c => c.Name, StringComparer.Ordinal).ToSeq();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var alb in spec.Applications.Choose(a => a.Alb))
            foreach (var cluster in clusters)
                foreach (var arn in TargetGroups.Resolve(alb.TargetGroup, cluster, world).ToOption())
                    names.TryAdd(arn, cluster.Name);
        return names;
    }
}
