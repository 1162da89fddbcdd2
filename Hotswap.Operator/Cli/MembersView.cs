namespace Hotswap.Operator.Cli;

/// <summary>An application's ArgoCD membership set, from its ArgoCDApplicationDeployment.</summary>
/// <param name="Set">argocd.clusterSecret.name.</param>
/// <param name="Phase">Pending, Updating, Waiting, Progressing, Deployed.</param>
/// <param name="Message">Why, in words.</param>
/// <param name="Members">Current and wanted members, by cluster.</param>
public sealed record MembersView(string Set, string Phase, string Message, IReadOnlyList<MemberView> Members);
