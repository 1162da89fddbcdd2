namespace Hotswap.Operator.Cli;

/// <summary>One application as <c>hotswap get</c> shows it.</summary>
/// <param name="Name">Application name.</param>
/// <param name="Phase">status.applications[].phase, or "Unknown" before the first reconcile.</param>
/// <param name="Message">Why, naming clusters, checks and jobs.</param>
/// <param name="Step">Current weight step k.</param>
/// <param name="Steps">N.</param>
/// <param name="WaitingFor">What it waits for, in a word; empty when it is not waiting.</param>
/// <param name="WaitingSince">When that wait began.</param>
/// <param name="LastFailure">Its command that failed in the last reconcile that ran its commands.</param>
/// <param name="Paused">The pause annotation holds it.</param>
/// <param name="Requests">Manual requests made but not handled yet, oldest first.</param>
/// <param name="Weights">Its listener rule's forward config as last observed; null without one.</param>
/// <param name="Checks">Its Check objects.</param>
/// <param name="Members">Its ArgoCD membership set (ArgoCDApplicationDeployment); null before one exists.</param>
public sealed record ApplicationView(
    string Name,
    string Phase,
    string Message,
    int Step,
    int Steps,
    string WaitingFor,
    DateTimeOffset? WaitingSince,
    string? LastFailure,
    bool Paused,
    IReadOnlyList<RequestView> Requests,
    WeightsView? Weights,
    IReadOnlyList<CheckView> Checks,
    MembersView? Members);
