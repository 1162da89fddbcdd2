using Hotswap.Core.Observed;

namespace Hotswap.Core.Status;

/// <summary>System.status, following the Kubernetes API conventions plus SEED.md's fields.</summary>
/// <param name="ObservedGeneration">The spec generation this status describes.</param>
/// <param name="Phase">Where the System is, summarised over its applications.</param>
/// <param name="Message">Why, in a sentence a person can act on.</param>
/// <param name="Progress">For printer columns, e.g. "2/3 synced".</param>
/// <param name="Conditions">Ready, ClustersReady, Progressing, Degraded.</param>
/// <param name="Applications">One entry per spec application, in spec order.</param>
/// <param name="WaitingForClustersSince">When the readiness gate started waiting.</param>
/// <param name="LastFailure">
/// The System's own command (not one application's: a revision, an ArgoCDCluster, a Check
/// deletion) that failed in its last reconcile, if one did.
/// </param>
public sealed record SystemStatus(
    long ObservedGeneration,
    SystemPhase Phase,
    string Message,
    string Progress,
    Seq<Condition> Conditions,
    Seq<ApplicationStatus> Applications,
    Option<DateTimeOffset> WaitingForClustersSince,
    Option<CommandFailure> LastFailure = default)
{
    public static readonly SystemStatus Initial = new(
        0, SystemPhase.Pending, "not reconciled yet", "", Seq<Condition>(), Seq<ApplicationStatus>(), None);

    public Option<ApplicationStatus> Application(string name) =>
        Applications.Find(a => a.Name == name);

    /// <summary>
    /// The application a one-line summary of the System follows (the operator's reconcile log line
    /// shows its step): the first one not at rest — neither Synced nor Pending — else the first.
    /// </summary>
    public Option<ApplicationStatus> LeadingApplication() =>
        Applications.Find(a => a.Phase is not (ApplicationPhase.Synced or ApplicationPhase.Pending)) || Applications.HeadOrNone();
}
