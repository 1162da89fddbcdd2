using Hotswap.Core.Status;

namespace Hotswap.Core.Planning;

/// <summary>What the stage machine decided for one application.</summary>
/// <param name="Status">The application's new status.</param>
/// <param name="Membership">Members the ArgoCDApplicationDeployment should have now, sorted.</param>
/// <param name="Commands">ALB writes and Jobs for this step.</param>
/// <param name="ChecksActive">Whether the application's Checks should be measuring.</param>
/// <param name="RequeueAfter">When to look again; None when nothing is pending.</param>
/// <param name="JobsInUse">Precheck/postcheck Jobs of the current keys, which cleanup must keep.</param>
/// <param name="Requests">What became of the manual requests handled in this decision.</param>
/// <param name="Promoted">A promote skipped the checks' wait of a step in this decision.</param>
public sealed record ApplicationDecision(
    ApplicationStatus Status,
    Seq<string> Membership,
    Seq<Command> Commands,
    bool ChecksActive,
    Option<TimeSpan> RequeueAfter,
    Seq<string> JobsInUse = default,
    Seq<RequestOutcome> Requests = default,
    bool Promoted = false);
