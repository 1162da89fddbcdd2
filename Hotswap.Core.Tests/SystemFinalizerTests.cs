using Hotswap.Core.Documents;
using Hotswap.Core.Observed;
using Hotswap.Core.Parsing;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;

namespace Hotswap.Core.Tests;

/// <summary>
/// Cross-namespace cleanup: the System's ArgoCD secrets (in the ArgoCD namespace, where
/// ownerReferences cannot reach) are deleted through a finalizer on the System.
/// </summary>
public class SystemFinalizerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-24T10:05:06Z");

    private static readonly SystemSpec V2 = SystemManifest.Parse(RepoFiles.Read("examples", "mysystem-v2.yaml"))
        .Match(s => s, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));

    private static readonly World HalfMigrated = WorldDocument.Parse(RepoFiles.Read("examples", "worlds", "mysystem-half-migrated.yaml"))
        .Match(w => w, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));

    private static World With(bool finalizer, bool deleting) =>
        HalfMigrated with { Lifecycle = Some(new SystemLifecycle(finalizer, deleting ? Some(Now.AddSeconds(-5)) : None)) };

    [Fact]
    public void A_system_seen_without_the_finalizer_gets_it_before_anything_else()
    {
        var plan = Reconciliation.Plan(V2, With(finalizer: false, deleting: false), Now);

        Assert.Equal(new Command.AddFinalizer(V2.Name), plan.System.Commands.Head);
        Assert.Equal(Reconciliation.Plan(V2, HalfMigrated, Now).System.Commands, plan.System.Commands.Tail);
    }

    [Fact]
    public void A_system_with_the_finalizer_or_an_unobserved_lifecycle_plans_as_before()
    {
        var before = Reconciliation.Plan(V2, HalfMigrated, Now);

        Assert.Equal(before, Reconciliation.Plan(V2, With(finalizer: true, deleting: false), Now) with { });
        Assert.DoesNotContain(before.AllCommands, c => c is Command.AddFinalizer);
    }

    [Fact]
    public void A_system_being_deleted_deletes_its_secrets_and_nothing_else_naming_what_argocd_removes()
    {
        var plan = Reconciliation.Plan(V2, With(finalizer: true, deleting: true), Now);

        var deletes = plan.System.Commands.Map(c => Assert.IsType<Command.DeleteClusterSecret>(c));
        Assert.Equal(HalfMigrated.ClusterSecrets.Keys.OrderBy(k => k, StringComparer.Ordinal), deletes.Map(d => d.Name));
        var web1 = deletes.Find(d => d.Name == "mysystem-mycluster-web-1-v2").IfNone(() => throw new Xunit.Sdk.XunitException("missing"));
        Assert.True(web1.Destructive);
        Assert.Equal(
            HalfMigrated.Applications.Filter(a => a.DestinationCluster == "mysystem-mycluster-web-1-v2").Map(a => a.Name).OrderBy(n => n, StringComparer.Ordinal),
            web1.Decommissions);
        Assert.DoesNotContain(plan.AllCommands, c => c is Command.SetForwardWeights or Command.WriteClusterSecret or Command.RemoveFinalizer);
    }

    [Fact]
    public void Once_the_secrets_are_gone_the_finalizer_is_removed()
    {
        var gone = With(finalizer: true, deleting: true) with { ClusterSecrets = default };

        var plan = Reconciliation.Plan(V2, gone, Now);

        Assert.Equal(new Command[] { new Command.RemoveFinalizer(V2.Name) }, plan.System.Commands.ToArray());
        Assert.DoesNotContain(plan.AllCommands, c => c is Command.WriteClusterSecret);
    }

    private const string Old = "mysystem-mycluster-web-1-v0";

    private static readonly ClusterSecret OldSecret = new(Old, "https://old.gr7.us-east-1.eks.amazonaws.com", "{}",
        Map(("argocd.argoproj.io/secret-type", "cluster")), Set<string>());

    private static Seq<Command> Deletes(World world) =>
        Reconciliation.Plan(V2, world, Now).System.Commands.Filter(c => c is Command.DeleteArgoCDCluster or Command.DeleteClusterSecret);

    [Fact]
    public void A_cluster_that_left_the_spec_and_every_set_loses_its_ArgoCDCluster_and_then_its_secret_by_name()
    {
        // Found by the end-to-end suite: the secret is in the ArgoCD namespace, so deleting the
        // ArgoCDCluster (its owner in name only) left it behind for ever. The child goes first, so
        // that its own reconciler cannot write the secret again after the System deleted it.
        var template = HalfMigrated.ArgoCDClusters.Values.Head();
        var old = template with { Spec = template.Spec with { Name = Old, Cluster = "mycluster-web-1-v0", EksClusterName = "mycluster-web-1-v0" } };
        var world = HalfMigrated with
        {
            ArgoCDClusters = HalfMigrated.ArgoCDClusters.Add(Old, old),
            ClusterSecrets = HalfMigrated.ClusterSecrets.Add(Old, OldSecret),
        };

        Assert.Equal(
            new Command[] { new Command.DeleteArgoCDCluster(Old), new Command.DeleteClusterSecret(Old, Seq<string>(), Command.DeleteClusterSecret.ClusterLeft) },
            Deletes(world).ToArray());
    }

    [Fact]
    public void A_secret_left_behind_without_its_ArgoCDCluster_is_deleted_and_one_still_in_a_set_is_kept()
    {
        var orphan = HalfMigrated with { ClusterSecrets = HalfMigrated.ClusterSecrets.Add(Old, OldSecret) };
        var member = HalfMigrated with { ClusterSecrets = HalfMigrated.ClusterSecrets.Add(Old, OldSecret with { Memberships = Set("web-clusters") }) };

        Assert.Equal(new Command[] { new Command.DeleteClusterSecret(Old, Seq<string>(), Command.DeleteClusterSecret.ClusterLeft) }, Deletes(orphan).ToArray());
        Assert.Empty(Deletes(member));
        Assert.Empty(Deletes(HalfMigrated));
    }

    [Fact]
    public void The_lifecycle_round_trips_through_a_world_file()
    {
        var world = With(finalizer: true, deleting: true);

        Assert.Equal(world, WorldDocument.Parse(WorldDocument.Write(world)).Match(w => w, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e))));
    }

    /// <summary>V2 with two clusters of the same name: invalid, so it plans nothing while it lives.</summary>
    private static readonly SystemSpec Invalid = V2 with { Clusters = V2.Clusters.Add(V2.Clusters.Head) };

    [Fact]
    public void An_invalid_system_plans_nothing_while_it_lives()
    {
        Assert.True(Reconciliation.PlanValidated(Invalid, With(finalizer: true, deleting: false), Now).IsFail);
    }

    [Fact]
    public void An_invalid_system_being_deleted_still_deletes_its_secrets_and_then_lets_go()
    {
        var deleting = Reconciliation.PlanValidated(Invalid, With(finalizer: true, deleting: true), Now)
            .IfFail(e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
        Assert.Equal(Reconciliation.Plan(V2, With(finalizer: true, deleting: true), Now).System.Commands, deleting.System.Commands);

        var gone = With(finalizer: true, deleting: true) with { ClusterSecrets = default };
        var last = Reconciliation.PlanValidated(Invalid, gone, Now).IfFail(e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
        Assert.Equal(new Command[] { new Command.RemoveFinalizer(V2.Name) }, last.System.Commands.ToArray());
    }

    [Fact]
    public void A_system_that_cannot_be_parsed_is_deleted_from_its_name_alone()
    {
        var spec = SystemFinalizer.DeletionSpec(V2.Name, 7);
        var world = With(finalizer: true, deleting: true);

        var plan = Reconciliation.PlanValidated(spec, world, Now).IfFail(e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));

        Assert.Equal(Reconciliation.Plan(V2, world, Now).System.Commands, plan.System.Commands);
        Assert.Equal(
            new Command[] { new Command.RemoveFinalizer(V2.Name) },
            Reconciliation.PlanValidated(spec, world with { ClusterSecrets = default }, Now)
                .IfFail(e => throw new Xunit.Sdk.XunitException(string.Join("\n", e))).System.Commands.ToArray());
    }
}
