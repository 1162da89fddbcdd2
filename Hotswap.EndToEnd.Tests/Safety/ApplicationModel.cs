namespace Hotswap.EndToEnd.Tests.Safety;

/// <summary>
/// What the checker knows of one application with a listener rule, written down by the test from
/// the System it applied (not computed by hotswap's planners): the rule, the weights' total and
/// step, the labels that make a cluster secret a member of the application's membership set, its
/// clusters on both sides, and the forward configuration the rule held before the operator started.
/// </summary>
public sealed record ApplicationModel(
    string Name,
    string RuleArn,
    int TotalWeight,
    int StepWeight,
    IReadOnlyDictionary<string, string> MembershipLabels,
    IReadOnlyList<ClusterModel> Clusters,
    IReadOnlyList<TargetGroupWeight> InitialForward);
