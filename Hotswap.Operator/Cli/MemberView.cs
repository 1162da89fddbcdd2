namespace Hotswap.Operator.Cli;

/// <summary>One cluster in (or on its way into or out of) a membership set.</summary>
/// <param name="Cluster">The cluster's name in the System (its secret's, when no ArgoCDCluster names it).</param>
/// <param name="Deployed">Its Applications are all Synced and Healthy.</param>
/// <param name="Change">"joining" (wanted, not a member yet), "leaving" (a member, no longer wanted), or empty.</param>
public sealed record MemberView(string Cluster, bool Deployed, string Change);
