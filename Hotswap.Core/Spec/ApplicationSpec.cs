using LanguageExt;

namespace Hotswap.Core.Spec;

/// <summary>One application (spec.applications[]): where it runs, how it is deployed, how traffic reaches it.</summary>
/// <param name="Name">Application name, unique in the System.</param>
/// <param name="ClusterSelector">Which of the System's clusters serve the application, by their labels; required when the System has two or more clusters.</param>
/// <param name="ArgoCd">ArgoCD membership set and ApplicationSets; required.</param>
/// <param name="Alb">Listener rule whose forward weights move traffic; absent for non-HTTP workloads.</param>
/// <param name="Checks">Metric analyses that gate every step.</param>
/// <param name="Prechecks">Jobs that must succeed before traffic moves.</param>
/// <param name="Postchecks">Jobs that must succeed before old members are removed.</param>
/// <param name="ProgressDeadline">
/// progressDeadline: how long any one wait of a moving application (members Deployed, cluster
/// readiness, Jobs, inconclusive checks, a new member that stopped being Deployed) may last before
/// the application fails and rolls back per spec.rollback. None: <see cref="DefaultProgressDeadline"/>.
/// </param>
public sealed record ApplicationSpec(
    string Name,
    LabelSelector ClusterSelector,
    ArgoCdSpec ArgoCd,
    Option<AlbSpec> Alb,
    Seq<CheckSpec> Checks,
    Seq<JobCheckSpec> Prechecks,
    Seq<JobCheckSpec> Postchecks,
    Option<TimeSpan> ProgressDeadline = default)
{
    /// <summary>10 minutes, as Argo Rollouts' progressDeadlineSeconds and Flagger's default.</summary>
    public static readonly TimeSpan DefaultProgressDeadline = TimeSpan.FromMinutes(10);

    /// <summary>The deadline in force: the spec's, else the default.</summary>
    public TimeSpan Deadline => ProgressDeadline.IfNone(DefaultProgressDeadline);
}
