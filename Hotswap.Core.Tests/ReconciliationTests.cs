using System.Globalization;
using Hotswap.Core.Documents;
using Hotswap.Core.Parsing;
using Hotswap.Core.Planning;
using Xunit;

namespace Hotswap.Core.Tests;

public sealed class ReconciliationTests
{
    /// <summary>
    /// Found by the Machine property: after a lost status write, the System re-applied web's
    /// membership with the old clusters in it while the deployment child, planned from the spec
    /// being replaced (new clusters only), made the old clusters leave in the same reconcile.
    /// </summary>
    [Fact]
    public void A_child_whose_spec_the_System_rewrites_is_not_planned_from_the_old_spec()
    {
        var spec = SystemManifest.Parse(RepoFiles.Read("examples", "mysystem-v2.yaml")).Match(s => s, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
        var world = WorldDocument.Parse(RepoFiles.Read("examples", "worlds", "mysystem-half-migrated.yaml")).Match(w => w, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
        var web = world.Deployments.Find("mysystem-web").IfNone(() => throw new Xunit.Sdk.XunitException("no mysystem-web"));
        var stale = web with { Spec = web.Spec with { ClusterNames = web.Spec.ClusterNames.Filter(n => n.EndsWith("-v2", StringComparison.Ordinal)) } };
        var now = DateTimeOffset.Parse("2026-11-24T10:05:16Z", CultureInfo.InvariantCulture);

        var plan = Reconciliation.Plan(spec, world with { Deployments = world.Deployments.SetItem("mysystem-web", stale) }, now);

        Assert.Contains(plan.System.Commands, c => c is Command.ApplyApplicationDeployment a && a.Spec.Name == "mysystem-web");
        Assert.DoesNotContain(plan.Deployments, d => d.Name == "mysystem-web");
        Assert.DoesNotContain(plan.AllCommands, c => c is Command.LeaveMembership);
    }
}
