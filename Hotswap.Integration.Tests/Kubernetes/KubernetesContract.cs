using Hotswap.Effects.Ports;
using static Hotswap.Integration.Tests.Kubernetes.ContractFixtures;

namespace Hotswap.Integration.Tests.Kubernetes;

/// <summary>
/// What every implementation of the Kubernetes ports must do, as the API server does it: the
/// KubernetesClient adapters against the test API server, and the simulated world that
/// <c>simulate</c> and the properties run on. One subclass per implementation.
/// </summary>
public abstract class KubernetesContract : IAsyncLifetime
{
    /// <summary>The port under test, for the Systems of one namespace.</summary>
    protected abstract IKubernetesObjects Port { get; }

    protected abstract IEvents Events { get; }

    protected abstract ILeases Leases { get; }

    /// <summary>A System exists (as kubectl apply would make it).</summary>
    protected abstract Task SeedSystemAsync(string name);

    /// <summary>kubectl delete system NAME.</summary>
    protected abstract Task DeleteSystemAsync(string name);

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    private static async Task<PortErrorKind> FailureOf(Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<PortException>(call);
        return e.Kind;
    }

    // ---- CRUD of a child kind

    [SkippableFact]
    public async Task A_child_is_created_read_listed_replaced_and_deleted()
    {
        await SeedSystemAsync(SystemName);
        await SeedSystemAsync("other");
        await Port.ArgoCDClusters.ApplyAsync("mysystem-web-2", Cluster("web-2"));
        await Port.ArgoCDClusters.ApplyAsync("mysystem-web-1", Cluster("web-1"));
        await Port.ArgoCDClusters.ApplyAsync("other-web-1", Cluster("web-1", "other") with { Name = "other-web-1" });

        var created = (await Port.ArgoCDClusters.GetAsync("mysystem-web-1")).IfNone(() => throw new Xunit.Sdk.XunitException("not created"));
        Assert.Equal(Cluster("web-1"), created.Spec);
        Assert.Equal(Hotswap.Core.Children.ArgoCDClusterStatus.Initial, created.Status);
        Assert.Equal(new[] { "mysystem-web-1", "mysystem-web-2" }, ((await Port.ArgoCDClusters.ListAsync(SystemName)).Map(o => o.Name)).ToArray());

        var changed = Cluster("web-1") with { RequireReady = false, Labels = Map(("role", "api")) };
        await Port.ArgoCDClusters.ApplyAsync("mysystem-web-1", changed);
        Assert.Equal(changed, (await Port.ArgoCDClusters.GetAsync("mysystem-web-1")).Map(o => o.Spec));

        await Port.ArgoCDClusters.DeleteAsync("mysystem-web-1");
        Assert.True((await Port.ArgoCDClusters.GetAsync("mysystem-web-1")).IsNone);
        Assert.Equal(PortErrorKind.NotFound, await FailureOf(() => Port.ArgoCDClusters.DeleteAsync("mysystem-web-1")));
    }

    [SkippableFact]
    public async Task Applying_the_same_spec_again_changes_nothing()
    {
        await SeedSystemAsync(SystemName);
        await Port.ApplicationDeployments.ApplyAsync("mysystem-web", Deployment("web", "mysystem-web-1"));
        var before = await Port.ApplicationDeployments.GetAsync("mysystem-web");

        await Port.ApplicationDeployments.ApplyAsync("mysystem-web", Deployment("web", "mysystem-web-1"));

        Assert.Equal(before, await Port.ApplicationDeployments.GetAsync("mysystem-web"));
    }

    // ---- optimistic concurrency

    [SkippableFact]
    public async Task A_status_write_with_a_stale_resource_version_is_a_conflict_and_overwrites_nothing()
    {
        await SeedSystemAsync(SystemName);
        await Port.ArgoCDClusters.ApplyAsync("mysystem-web-1", Cluster("web-1"));
        var read = (await Port.ArgoCDClusters.GetAsync("mysystem-web-1")).IfNone(() => throw new Xunit.Sdk.XunitException("missing"));

        await Port.ArgoCDClusters.UpdateStatusAsync("mysystem-web-1", WritingStatus, read.ResourceVersion);
        var kind = await FailureOf(() => Port.ArgoCDClusters.UpdateStatusAsync("mysystem-web-1", ReadyStatus, read.ResourceVersion));

        Assert.Equal(PortErrorKind.Conflict, kind);
        Assert.Equal(WritingStatus, (await Port.ArgoCDClusters.GetAsync("mysystem-web-1")).Map(o => o.Status));
    }

    [SkippableFact]
    public async Task The_system_status_is_written_under_its_resource_version()
    {
        await SeedSystemAsync(SystemName);
        var system = await Port.GetSystemAsync(SystemName);
        Assert.True(system.Status.IsNone);

        await Port.UpdateSystemStatusAsync(SystemName, Migrating, system.ResourceVersion);
        var stale = await FailureOf(() => Port.UpdateSystemStatusAsync(SystemName, Core.Status.SystemStatus.Initial, system.ResourceVersion));

        Assert.Equal(PortErrorKind.Conflict, stale);
        var after = await Port.GetSystemAsync(SystemName);
        Assert.Equal(Some(Migrating), after.Status);
        Assert.NotEqual(system.ResourceVersion, after.ResourceVersion);
    }

    // ---- status subresource separation

    [SkippableFact]
    public async Task A_spec_write_keeps_the_status_and_a_status_write_keeps_the_spec()
    {
        await SeedSystemAsync(SystemName);
        await Port.ArgoCDClusters.ApplyAsync("mysystem-web-1", Cluster("web-1"));
        var read = (await Port.ArgoCDClusters.GetAsync("mysystem-web-1")).IfNone(() => throw new Xunit.Sdk.XunitException("missing"));
        await Port.ArgoCDClusters.UpdateStatusAsync("mysystem-web-1", ReadyStatus, read.ResourceVersion);

        var changed = Cluster("web-1") with { EksClusterName = "eks-web-1-blue" };
        await Port.ArgoCDClusters.ApplyAsync("mysystem-web-1", changed);
        var afterSpec = (await Port.ArgoCDClusters.GetAsync("mysystem-web-1")).IfNone(() => throw new Xunit.Sdk.XunitException("missing"));
        Assert.Equal(ReadyStatus, afterSpec.Status);

        await Port.ArgoCDClusters.UpdateStatusAsync("mysystem-web-1", WritingStatus, afterSpec.ResourceVersion);
        Assert.Equal(changed, (await Port.ArgoCDClusters.GetAsync("mysystem-web-1")).Map(o => o.Spec));
    }

    // ---- AlreadyExists / NotFound

    [SkippableFact]
    public async Task Creating_what_exists_is_already_exists_and_reading_what_does_not_is_not_found()
    {
        await SeedSystemAsync(SystemName);
        await Port.CreateSecretAsync("mysystem-web-1", "mysystem-web-1", SecretData("mysystem-web-1", "https://web-1.eks"), SecretLabels);
        await Port.SaveRevisionAsync(SystemName, Revision(1));
        await Port.CreateJobAsync("smoke-1", Map(("hotswap.mumoshu.github.io/system", SystemName)), JobTemplate);

        Assert.Equal(PortErrorKind.AlreadyExists, await FailureOf(() =>
            Port.CreateSecretAsync("mysystem-web-1", "mysystem-web-1", SecretData("mysystem-web-1", "https://web-1.eks"), SecretLabels)));
        Assert.Equal(PortErrorKind.AlreadyExists, await FailureOf(() => Port.SaveRevisionAsync(SystemName, Revision(1))));
        Assert.Equal(PortErrorKind.AlreadyExists, await FailureOf(() =>
            Port.CreateJobAsync("smoke-1", Map(("hotswap.mumoshu.github.io/system", SystemName)), JobTemplate)));

        Assert.Equal(PortErrorKind.NotFound, await FailureOf(() => Port.GetSystemAsync("nosystem")));
        Assert.Equal(PortErrorKind.NotFound, await FailureOf(() => Port.GetSecretAsync("mysystem-web-9")));
        Assert.Equal(PortErrorKind.NotFound, await FailureOf(() => Port.PatchSecretDataAsync("mysystem-web-9", Map(("server", "x")))));
        Assert.Equal(PortErrorKind.NotFound, await FailureOf(() => Port.DeleteClusterSecretAsync("mysystem-web-9")));
        Assert.Equal(PortErrorKind.NotFound, await FailureOf(() => Port.DeleteJobAsync("smoke-9")));
        Assert.True((await Port.Checks.GetAsync("mysystem-web-dd")).IsNone);
    }

    // ---- Jobs

    [SkippableFact]
    public async Task Jobs_are_selected_by_every_label_of_the_selector_and_deleted_by_name()
    {
        await SeedSystemAsync(SystemName);
        Map<string, string> Labels(string app, string kind) =>
            Map(("hotswap.mumoshu.github.io/system", SystemName), ("hotswap.mumoshu.github.io/application", app), ("hotswap.mumoshu.github.io/job-kind", kind));
        await Port.CreateJobAsync("web-pre", Labels("web", "precheck"), JobTemplate);
        await Port.CreateJobAsync("web-post", Labels("web", "postcheck"), JobTemplate);
        await Port.CreateJobAsync("api-pre", Labels("api", "precheck"), JobTemplate);

        var web = await Port.ListJobsAsync(Map(("hotswap.mumoshu.github.io/system", SystemName), ("hotswap.mumoshu.github.io/application", "web")));
        var prechecks = await Port.ListJobsAsync(Map(("hotswap.mumoshu.github.io/job-kind", "precheck")));

        Assert.Equal(new[] { "web-post", "web-pre" }, (web.Map(j => j.Name).OrderBy(n => n, StringComparer.Ordinal)).ToArray());
        Assert.Equal(new[] { "api-pre", "web-pre" }, (prechecks.Map(j => j.Name).OrderBy(n => n, StringComparer.Ordinal)).ToArray());
        Assert.All(web, j => Assert.Equal(Core.Observed.JobPhase.Running, j.Phase));
        Assert.Equal(Some("precheck"), web.Find(j => j.Name == "web-pre").Bind(j => j.Labels.Find("hotswap.mumoshu.github.io/job-kind")));

        await Port.DeleteJobAsync("web-pre");
        Assert.Equal(new[] { "web-post" }, ((await Port.ListJobsAsync(Labels("web", "postcheck").Remove("hotswap.mumoshu.github.io/job-kind"))).Map(j => j.Name)).ToArray());
    }

    // ---- cluster secrets: data and membership

    [SkippableFact]
    public async Task A_membership_patch_touches_only_the_labels_and_annotations_it_names()
    {
        await SeedSystemAsync(SystemName);
        await Port.CreateSecretAsync("mysystem-web-1", "mysystem-web-1", SecretData("mysystem-web-1", "https://web-1.eks"), SecretLabels);
        var created = await Port.GetSecretAsync("mysystem-web-1");

        await Port.PatchSecretMetadataAsync("mysystem-web-1", Map(("myservice-role", "web")), Seq<string>(),
            Map(("hotswap.mumoshu.github.io/memberships", "web-clusters")), created.ResourceVersion);
        var joined = await Port.GetSecretAsync("mysystem-web-1");
        Assert.Equal(SecretLabels.Add("myservice-role", "web"), joined.Labels.Filter((k, _) => k != "hotswap.mumoshu.github.io/namespace"));
        Assert.Equal(Some("web-clusters"), joined.Annotations.Find("hotswap.mumoshu.github.io/memberships"));
        Assert.Equal(Some("https://web-1.eks"), joined.Data.Find("server"));

        Assert.Equal(PortErrorKind.Conflict, await FailureOf(() => Port.PatchSecretMetadataAsync("mysystem-web-1",
            Map<string, string>(), Seq1("myservice-role"), Map<string, string>(), created.ResourceVersion)));

        await Port.PatchSecretMetadataAsync("mysystem-web-1", Map<string, string>(), Seq1("myservice-role"),
            Map(("hotswap.mumoshu.github.io/memberships", "")), joined.ResourceVersion);
        var left = await Port.GetSecretAsync("mysystem-web-1");
        Assert.Equal(SecretLabels, left.Labels.Filter((k, _) => k != "hotswap.mumoshu.github.io/namespace"));
        Assert.False(left.Annotations.ContainsKey("hotswap.mumoshu.github.io/memberships"));
    }

    [SkippableFact]
    public async Task Cluster_secrets_are_listed_with_their_data_and_deleted()
    {
        await SeedSystemAsync(SystemName);
        await Port.CreateSecretAsync("mysystem-web-1", "mysystem-web-1", SecretData("mysystem-web-1", "https://web-1.eks"), SecretLabels);
        await Port.PatchSecretDataAsync("mysystem-web-1", Map(("server", "https://web-1b.eks")));

        var listed = (await Port.ListClusterSecretsAsync()).Find(s => s.Name == "mysystem-web-1")
            .IfNone(() => throw new Xunit.Sdk.XunitException("not listed"));
        Assert.Equal(Some("https://web-1b.eks"), listed.Data.Find("server"));
        Assert.Equal(Some("""{"awsAuthConfig":{"clusterName":"eks"}}"""), listed.Data.Find("config"));

        await Port.DeleteClusterSecretAsync("mysystem-web-1");
        Assert.DoesNotContain(await Port.ListClusterSecretsAsync(), s => s.Name == "mysystem-web-1");
    }

    // ---- revisions

    [SkippableFact]
    public async Task Revisions_are_listed_oldest_first_by_number()
    {
        await SeedSystemAsync(SystemName);
        await Port.SaveRevisionAsync(SystemName, Revision(2));
        await Port.SaveRevisionAsync(SystemName, Revision(10));
        await Port.SaveRevisionAsync(SystemName, Revision(1));

        var revisions = await Port.ListRevisionsAsync(SystemName);

        Assert.Equal(new[] { 1, 2, 10 }, (revisions.Map(r => r.Number)).ToArray());
        Assert.Equal(Revision(10), revisions.Last());
    }

    // ---- finalizers

    [SkippableFact]
    public async Task A_system_keeps_its_finalizer_through_status_writes_stays_while_being_deleted_and_goes_when_it_is_removed()
    {
        const string finalizer = "hotswap.mumoshu.github.io/cluster-secrets";
        await SeedSystemAsync(SystemName);
        await Port.AddSystemFinalizerAsync(SystemName, finalizer, (await Port.GetSystemAsync(SystemName)).ResourceVersion);
        await Port.UpdateSystemStatusAsync(SystemName, Migrating, (await Port.GetSystemAsync(SystemName)).ResourceVersion);
        Assert.Equal(new[] { finalizer }, ((await Port.GetSystemAsync(SystemName)).Finalizers).ToArray());

        await DeleteSystemAsync(SystemName);
        var deleting = await Port.GetSystemAsync(SystemName);
        Assert.True(deleting.DeletionTimestamp.IsSome);

        await Port.RemoveSystemFinalizerAsync(SystemName, finalizer, deleting.ResourceVersion);
        // The API server deletes the System once its last finalizer is gone; a cache-backed port
        // learns it from the watch's DELETED event, a moment later.
        for (var i = 0; i < 100; i++)
        {
            try { await Port.GetSystemAsync(SystemName); }
            catch (PortException e) when (e.Kind == PortErrorKind.NotFound) { break; }
            await Task.Delay(50);
        }
        Assert.Equal(PortErrorKind.NotFound, await FailureOf(() => Port.GetSystemAsync(SystemName)));
    }

    // ---- events and leases

    [SkippableFact]
    public async Task A_repeated_event_bumps_its_count_instead_of_adding_another()
    {
        var at = DateTimeOffset.Parse("2026-11-24T10:00:00Z");
        var e = new EventObject("System", SystemName, "Warning", "CheckFailed", "check dd failed on web-1", at);

        await Events.RecordAsync(e);
        await Events.RecordAsync(e with { LastTime = at.AddMinutes(1) });
        await Events.RecordAsync(e with { LastTime = at.AddMinutes(2) });
        await Events.RecordAsync(e with { Reason = "WeightsSet", Type = "Normal", Note = "web: 30/70" });

        var events = await Events.ListAsync("System", SystemName);
        Assert.Equal(2, events.Count);
        var repeated = events.Find(x => x.Reason == "CheckFailed").IfNone(() => throw new Xunit.Sdk.XunitException("missing"));
        Assert.Equal(3, repeated.Count);
        Assert.Equal(at.AddMinutes(2), repeated.LastTime);
    }

    [SkippableFact]
    public async Task A_lease_is_taken_once_and_renewed_only_from_its_current_version()
    {
        var at = DateTimeOffset.Parse("2026-11-24T10:00:00Z");
        var lease = new LeaseObject("hotswap-leader", "replica-a", 15, at, at, 0);

        var taken = await Leases.CreateAsync(lease);
        Assert.Equal(PortErrorKind.AlreadyExists, await FailureOf(() => Leases.CreateAsync(lease with { Holder = "replica-b" })));
        var renewed = await Leases.UpdateAsync(taken with { RenewTime = at.AddSeconds(10) });
        Assert.Equal(PortErrorKind.Conflict, await FailureOf(() => Leases.UpdateAsync(taken with { Holder = "replica-b", Transitions = 1 })));

        var now = (await Leases.GetAsync("hotswap-leader")).IfNone(() => throw new Xunit.Sdk.XunitException("missing"));
        Assert.Equal(("replica-a", at.AddSeconds(10)), (now.Holder, now.RenewTime));
        Assert.Equal(renewed.ResourceVersion, now.ResourceVersion);
        Assert.True((await Leases.GetAsync("nobody")).IsNone);
    }
}
