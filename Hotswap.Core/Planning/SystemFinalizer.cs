using Hotswap.Core.Observed;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;

namespace Hotswap.Core.Planning;

/// <summary>
/// The System's finalizer. Children in the System's namespace go with it through ownerReferences,
/// but its ArgoCD cluster secrets live in the ArgoCD namespace, which ownerReferences cannot
/// reach. So the System carries a finalizer; once deleted, it deletes its secrets, sees them gone,
/// and then removes the finalizer so that the deletion completes.
/// </summary>
public static class SystemFinalizer
{
    public const string Name = "hotswap.mumoshu.github.io/cluster-secrets";

    /// <summary>
    /// The spec to finish deleting a System whose manifest cannot be parsed: its name and nothing
    /// else. Deleting reads no other field (its secrets are found through its ArgoCDCluster
    /// children), so a System broken beyond parsing still leaves no secret behind and is not held
    /// by its finalizer forever.
    /// </summary>
    public static SystemSpec DeletionSpec(string name, long generation) =>
        new(name, generation, Seq<ClusterSpec>(), Seq<ApplicationSpec>(), RollbackPolicy.Default);

    /// <summary>AddFinalizer when the System is observed without it (and not being deleted).</summary>
    public static Seq<Command> Ensure(SystemSpec spec, World world) =>
        world.Lifecycle.Exists(l => !l.HasFinalizer && !l.IsBeingDeleted)
            ? Seq1<Command>(new Command.AddFinalizer(spec.Name))
            : Seq<Command>();

    /// <summary>
    /// The decision while the System is being deleted, replacing every migration step: delete each
    /// cluster secret still there (naming the Applications ArgoCD will delete with it), and once
    /// none is left, remove the finalizer. None when the System is not being deleted.
    /// </summary>
    public static Option<Decision<SystemStatus>> Deleting(SystemSpec spec, World world, SystemStatus status) =>
        world.Lifecycle.Filter(l => l.IsBeingDeleted).Map(l =>
        {
            var secrets = world.ClusterSecrets.Values.Map(s => s.Name).OrderBy(n => n, StringComparer.Ordinal).ToSeq();
            if (!secrets.IsEmpty)
                return new Decision<SystemStatus>(
                    secrets.Map(s => (Command)new Command.DeleteClusterSecret(s, Decommissions(world, s))).Strict(),
                    status with { Message = $"deleting: removing ArgoCD cluster secrets {string.Join(", ", secrets)}" },
                    Some(TimeSpan.Zero));
            return new Decision<SystemStatus>(
                l.HasFinalizer ? Seq1<Command>(new Command.RemoveFinalizer(spec.Name)) : Seq<Command>(),
                status with { Message = "deleting: every ArgoCD cluster secret is gone" },
                None);
        });

    /// <summary>The Applications ArgoCD generated on <paramref name="secret"/>'s cluster, which it deletes with the secret.</summary>
    internal static Seq<string> Decommissions(World world, string secret) =>
        world.Applications.Filter(a => a.DestinationCluster == secret).Map(a => a.Name)
            .OrderBy(n => n, StringComparer.Ordinal).ToSeq().Strict();
}
