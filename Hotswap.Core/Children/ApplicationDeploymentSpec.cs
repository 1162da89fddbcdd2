using Hotswap.Core.Spec;
using LanguageExt;

namespace Hotswap.Core.Children;

/// <summary>
/// ArgoCDApplicationDeployment.spec, one per application ("&lt;system&gt;-&lt;app&gt;"): the membership the
/// System wants right now. The System planner moves <see cref="ClusterNames"/> stage by stage; this
/// object's reconciler only converges the cluster secrets' labels to it.
/// </summary>
/// <param name="Name">Object name.</param>
/// <param name="System">Owning System.</param>
/// <param name="Application">Application name in the System.</param>
/// <param name="ClusterNames">Desired members (cluster secret names), sorted.</param>
/// <param name="ClusterSecret">The membership set: its name and labels.</param>
/// <param name="ApplicationSet">ApplicationSets that deploy onto the members.</param>
/// <param name="UpdateStrategy">Order of joins and leaves.</param>
public sealed record ApplicationDeploymentSpec(
    string Name,
    string System,
    string Application,
    Seq<string> ClusterNames,
    ClusterSecretSpec ClusterSecret,
    ApplicationSetRef ApplicationSet,
    UpdateStrategyType UpdateStrategy);
