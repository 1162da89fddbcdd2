using LanguageExt;

namespace Hotswap.Core.Children;

/// <summary>ArgoCDCluster.status: ready once EKS is ACTIVE with endpoint and CA and the secret says so.</summary>
public sealed record ArgoCDClusterStatus(
    string Phase,
    bool Ready,
    string Message,
    Option<string> Endpoint)
{
    public static readonly ArgoCDClusterStatus Initial = new("Pending", false, "not reconciled yet", None);
}
