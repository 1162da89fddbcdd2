using LanguageExt;

namespace Hotswap.Core.Spec;

/// <summary>The user-facing System: the clusters that exist and the applications that run on them.</summary>
/// <param name="Name">metadata.name; prefixes every child object and cluster secret.</param>
/// <param name="Generation">metadata.generation, echoed as status.observedGeneration.</param>
/// <param name="Clusters">spec.clusters, in manifest order.</param>
/// <param name="Applications">spec.applications, in manifest order.</param>
/// <param name="Rollback">spec.rollback: what a failed check leads to.</param>
public sealed record SystemSpec(
    string Name,
    long Generation,
    Seq<ClusterSpec> Clusters,
    Seq<ApplicationSpec> Applications,
    RollbackPolicy Rollback);
