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
public sealed record ApplicationSpec(
    string Name,
    LabelSelector ClusterSelector,
    ArgoCdSpec ArgoCd,
    Option<AlbSpec> Alb,
    Seq<CheckSpec> Checks,
    Seq<JobCheckSpec> Prechecks,
    Seq<JobCheckSpec> Postchecks);
