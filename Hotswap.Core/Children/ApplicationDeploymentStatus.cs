using LanguageExt;

namespace Hotswap.Core.Children;

/// <summary>ArgoCDApplicationDeployment.status: current members and which of them are Deployed.</summary>
public sealed record ApplicationDeploymentStatus(
    string Phase,
    string Message,
    Seq<string> Members,
    Seq<string> Deployed)
{
    public static readonly ApplicationDeploymentStatus Initial =
        new("Pending", "not reconciled yet", Seq<string>(), Seq<string>());
}
