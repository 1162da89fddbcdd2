using LanguageExt;

namespace Hotswap.Core.Children;

/// <summary>ArgoCDApplicationDeployment.status: current members and which of them are Deployed.</summary>
/// <param name="Phase">Pending, Updating, Waiting, Progressing, Deployed.</param>
/// <param name="Message">Why, in words.</param>
/// <param name="Members">Cluster secrets in the membership set now.</param>
/// <param name="Deployed">Members whose Applications are all Synced and Healthy.</param>
/// <param name="ObservedGeneration">The metadata.generation this status describes.</param>
/// <param name="Conditions">Ready, Progressing, Degraded (see <see cref="Hotswap.Core.Status.FailureReport"/>).</param>
/// <param name="LastFailure">Its command that failed in its last reconcile, if one did.</param>
public sealed record ApplicationDeploymentStatus(
    string Phase,
    string Message,
    Seq<string> Members,
    Seq<string> Deployed,
    long ObservedGeneration = 0,
    Seq<Hotswap.Core.Status.Condition> Conditions = default,
    Option<Hotswap.Core.Status.CommandFailure> LastFailure = default)
{
    public static readonly ApplicationDeploymentStatus Initial =
        new("Pending", "not reconciled yet", Seq<string>(), Seq<string>());
}
