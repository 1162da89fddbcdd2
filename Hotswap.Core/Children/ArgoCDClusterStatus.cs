using LanguageExt;

namespace Hotswap.Core.Children;

/// <summary>ArgoCDCluster.status: ready once EKS is ACTIVE with endpoint and CA and the secret says so.</summary>
/// <param name="Phase">Pending, Provisioning, NotFound, Writing, Ready.</param>
/// <param name="Ready">EKS is ready and the secret points at it.</param>
/// <param name="Message">Why, in words.</param>
/// <param name="Endpoint">The EKS endpoint, once known.</param>
/// <param name="ObservedGeneration">The metadata.generation this status describes.</param>
/// <param name="Conditions">Ready, Progressing, Degraded (see <see cref="Hotswap.Core.Status.FailureReport"/>).</param>
/// <param name="LastFailure">Its command that failed in its last reconcile, if one did.</param>
public sealed record ArgoCDClusterStatus(
    string Phase,
    bool Ready,
    string Message,
    Option<string> Endpoint,
    long ObservedGeneration = 0,
    Seq<Hotswap.Core.Status.Condition> Conditions = default,
    Option<Hotswap.Core.Status.CommandFailure> LastFailure = default)
{
    public static readonly ArgoCDClusterStatus Initial = new("Pending", false, "not reconciled yet", None);
}
