using System.Globalization;
using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Status;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Simulation;

/// <summary>
/// The control-plane cluster in memory: an API server with resourceVersions and 409s, ArgoCD's
/// ApplicationSet controller (an Application per matching cluster secret, "&lt;appset&gt;-&lt;secret&gt;",
/// Synced/Healthy after the sync delay, deleted when the secret stops matching), the Job
/// controller (Jobs finish after a delay, as the scenario says), and garbage collection of
/// secrets owned by a deleted ArgoCDCluster.
/// </summary>
public sealed class SimulatedKubernetes : IKubernetesObjects
{
    private sealed record SystemEntry(
        Option<SystemStatus> Status, string Version, Seq<string> Finalizers = default, Option<DateTimeOffset> Deleted = default,
        Map<string, string> Annotations = default);
    private sealed record SecretEntry(SecretObject Secret, string Owner);
    private sealed record JobEntry(string Name, Map<string, string> Labels, string Template, DateTimeOffset Created);
    private sealed record AppEntry(string Name, string ApplicationSet, string Cluster, DateTimeOffset Created);

    private readonly SimulatedClock clock;
    private readonly Func<string, bool> jobSucceeds;
    private readonly TimeSpan syncDelay;
    private readonly TimeSpan jobDuration;
    private long version;
    private readonly Dictionary<string, SystemEntry> systems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Revision>> revisions = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, SecretEntry> secrets = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, JobEntry> jobs = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, AppEntry> applications = new(StringComparer.Ordinal);
    private readonly List<ApplicationSetState> applicationSets = [];
    private readonly List<TargetGroupBinding> bindings = [];

    public SimulatedKubernetes(
        SimulatedClock clock, FaultInjection faults, TimeSpan syncDelay, TimeSpan jobDuration, Func<string, bool> jobSucceeds,
        string @namespace = "default")
    {
        Namespace = @namespace;
        this.clock = clock;
        this.syncDelay = syncDelay;
        this.jobDuration = jobDuration;
        this.jobSucceeds = jobSucceeds;
        Faults = faults;
        ArgoCDClusterObjects = new("ArgoCDCluster", s => s.System, ArgoCDClusterStatus.Initial, this)
        {
            Deleted = name => { foreach (var s in secrets.Values.Where(s => s.Owner == name).ToList()) secrets.Remove(s.Secret.Name); Settle(); },
        };
        DeploymentObjects = new("ArgoCDApplicationDeployment", s => s.System, ApplicationDeploymentStatus.Initial, this);
        CheckObjects = new("Check", s => s.System, CheckStatus.Initial, this);
    }

    /// <summary>The one System namespace this simulated API server holds.</summary>
    public string Namespace { get; }

    public FaultInjection Faults { get; }

    /// <summary>Each generated Application as the scenario has it now: unchanged, overridden (health, sync), or None when missing.</summary>
    public Func<ArgoApplication, Option<ArgoApplication>> ApplicationView { get; set; } = Some;

    /// <summary>Whether a workload cluster's API cannot be reached now (by System cluster name and EKS cluster name).</summary>
    public Func<string, string, bool> Unreachable { get; set; } = (_, _) => false;

    public SimulatedChildObjects<ArgoCDClusterSpec, ArgoCDClusterStatus> ArgoCDClusterObjects { get; }
    public SimulatedChildObjects<ApplicationDeploymentSpec, ApplicationDeploymentStatus> DeploymentObjects { get; }
    public SimulatedChildObjects<CheckObjectSpec, CheckStatus> CheckObjects { get; }

    public IChildObjects<ArgoCDClusterSpec, ArgoCDClusterStatus> ArgoCDClusters => ArgoCDClusterObjects;
    public IChildObjects<ApplicationDeploymentSpec, ApplicationDeploymentStatus> ApplicationDeployments => DeploymentObjects;
    public IChildObjects<CheckObjectSpec, CheckStatus> Checks => CheckObjects;

    internal string NextVersion() => (++version).ToString(CultureInfo.InvariantCulture);

    // ---- seeding (the world as it was before hotswap came)

    public void AddSystem(string name)
    {
        if (!systems.ContainsKey(name)) systems[name] = new SystemEntry(None, NextVersion());
    }

    public void AddApplicationSet(ApplicationSetState set)
    {
        if (applicationSets.TrueForAll(s => s.Name != set.Name)) applicationSets.Add(set);
    }

    public void AddTargetGroupBinding(TargetGroupBinding binding) => bindings.Add(binding);

    /// <summary>The System's status as recorded, read without faults.</summary>
    public Option<SystemStatus> SystemStatusOf(string name) =>
        systems.TryGetValue(name, out var s) ? s.Status : None;

    // ---- System and revisions

    public Task<SystemObject> GetSystemAsync(string name) =>
        systems.TryGetValue(name, out var s)
            ? Task.FromResult(new SystemObject(name, s.Status, s.Version, "", s.Finalizers, s.Deleted, s.Annotations))
            : throw new PortException(PortErrorKind.NotFound, $"System {name} not found");

    /// <summary>kubectl annotate: sets (or, with an empty value, removes) one annotation, as a person or the CLI would.</summary>
    public void AnnotateSystem(string name, string key, string value)
    {
        if (!systems.TryGetValue(name, out var s)) throw new PortException(PortErrorKind.NotFound, $"System {name} not found");
        var annotations = value.Length == 0 ? s.Annotations.Remove(key) : s.Annotations.AddOrUpdate(key, value);
        systems[name] = s with { Annotations = annotations, Version = NextVersion() };
    }

    /// <summary>The System's annotations, read without faults.</summary>
    public Map<string, string> SystemAnnotationsOf(string name) =>
        systems.TryGetValue(name, out var s) ? s.Annotations : Map<string, string>();

    /// <summary>kubectl delete: with finalizers pending, only marks the System as being deleted.</summary>
    public void DeleteSystem(string name)
    {
        if (!systems.TryGetValue(name, out var s)) return;
        if (s.Finalizers.IsEmpty) systems.Remove(name);
        else if (s.Deleted.IsNone) systems[name] = s with { Deleted = Some(clock.Now), Version = NextVersion() };
    }

    public Task AddSystemFinalizerAsync(string name, string finalizer, string resourceVersion) =>
        UpdateFinalizers(name, resourceVersion, f => f.Exists(x => x == finalizer) ? f : f.Add(finalizer));

    public Task RemoveSystemFinalizerAsync(string name, string finalizer, string resourceVersion) =>
        UpdateFinalizers(name, resourceVersion, f => f.Filter(x => x != finalizer));

    private Task UpdateFinalizers(string name, string resourceVersion, Func<Seq<string>, Seq<string>> change)
    {
        if (!systems.TryGetValue(name, out var s)) throw new PortException(PortErrorKind.NotFound, $"System {name} not found");
        Faults.Conflict("update System finalizers", name);
        if (s.Version != resourceVersion)
            throw new PortException(PortErrorKind.Conflict, $"System {name}: resourceVersion {resourceVersion} is stale (now {s.Version})");
        var finalizers = change(s.Finalizers).Strict();
        if (finalizers == s.Finalizers) return Task.CompletedTask;
        if (finalizers.IsEmpty && s.Deleted.IsSome) systems.Remove(name);
        else systems[name] = s with { Finalizers = finalizers, Version = NextVersion() };
        return Task.CompletedTask;
    }

    public Task UpdateSystemStatusAsync(string name, SystemStatus status, string resourceVersion)
    {
        if (!systems.TryGetValue(name, out var s)) throw new PortException(PortErrorKind.NotFound, $"System {name} not found");
        Faults.Conflict("update System status", name);
        if (s.Version != resourceVersion)
            throw new PortException(PortErrorKind.Conflict, $"System {name}: resourceVersion {resourceVersion} is stale (now {s.Version})");
        systems[name] = s with { Status = Some(status), Version = NextVersion() }; // the status subresource leaves metadata alone
        return Task.CompletedTask;
    }

    public Task SaveRevisionAsync(string system, Revision revision)
    {
        var list = revisions.TryGetValue(system, out var l) ? l : revisions[system] = [];
        if (list.Exists(r => r.Number == revision.Number))
            throw new PortException(PortErrorKind.AlreadyExists, $"controllerrevision {system}-{revision.Number} already exists");
        list.Add(revision);
        return Task.CompletedTask;
    }

    public Task<Seq<Revision>> ListRevisionsAsync(string system) =>
        Task.FromResult(revisions.TryGetValue(system, out var l) ? l.OrderBy(r => r.Number).ToSeq().Strict() : Seq<Revision>());

    // ---- Secrets

    public Task<Seq<SecretObject>> ListClusterSecretsAsync() =>
        Task.FromResult(secrets.Values.Select(s => s.Secret)
            .Where(s => s.Labels.Find(WellKnown.SecretTypeLabel).Exists(v => v == "cluster")).ToSeq().Strict());

    public Task<SecretObject> GetSecretAsync(string name) =>
        secrets.TryGetValue(name, out var s)
            ? Task.FromResult(s.Secret)
            : throw new PortException(PortErrorKind.NotFound, $"secret {name} not found");

    public Task CreateSecretAsync(string name, string owner, Map<string, string> data, Map<string, string> labels)
    {
        if (secrets.ContainsKey(name)) throw new PortException(PortErrorKind.AlreadyExists, $"secret {name} already exists");
        secrets[name] = new SecretEntry(new SecretObject(name, data, labels, Map<string, string>(), NextVersion()), owner);
        Settle();
        return Task.CompletedTask;
    }

    public Task PatchSecretDataAsync(string name, Map<string, string> data)
    {
        if (!secrets.TryGetValue(name, out var s)) throw new PortException(PortErrorKind.NotFound, $"secret {name} not found");
        var merged = data.Fold(s.Secret.Data, (acc, k, v) => acc.AddOrUpdate(k, v));
        if (merged != s.Secret.Data)
            secrets[name] = s with { Secret = s.Secret with { Data = merged, ResourceVersion = NextVersion() } };
        return Task.CompletedTask;
    }

    public Task PatchSecretMetadataAsync(
        string name, Map<string, string> setLabels, Seq<string> removeLabels, Map<string, string> annotations, string resourceVersion)
    {
        if (!secrets.TryGetValue(name, out var s)) throw new PortException(PortErrorKind.NotFound, $"secret {name} not found");
        Faults.Conflict("patch secret", name);
        if (s.Secret.ResourceVersion != resourceVersion)
            throw new PortException(PortErrorKind.Conflict, $"secret {name}: resourceVersion {resourceVersion} is stale (now {s.Secret.ResourceVersion})");
        var labels = setLabels.Fold(removeLabels.Fold(s.Secret.Labels, (acc, k) => acc.Remove(k)), (acc, k, v) => acc.AddOrUpdate(k, v));
        var notes = annotations.Fold(s.Secret.Annotations, (acc, k, v) => v.Length == 0 ? acc.Remove(k) : acc.AddOrUpdate(k, v));
        secrets[name] = s with { Secret = s.Secret with { Labels = labels, Annotations = notes, ResourceVersion = NextVersion() } };
        Settle();
        return Task.CompletedTask;
    }

    public Task DeleteClusterSecretAsync(string name)
    {
        if (!secrets.Remove(name)) throw new PortException(PortErrorKind.NotFound, $"secret {name} not found");
        Settle();
        return Task.CompletedTask;
    }

    // ---- Jobs

    public Task CreateJobAsync(string name, Map<string, string> labels, string templateJson)
    {
        if (jobs.ContainsKey(name)) throw new PortException(PortErrorKind.AlreadyExists, $"job {name} already exists");
        jobs[name] = new JobEntry(name, labels, templateJson, clock.Now);
        return Task.CompletedTask;
    }

    public Task DeleteJobAsync(string name)
    {
        if (!jobs.Remove(name)) throw new PortException(PortErrorKind.NotFound, $"job {name} not found");
        return Task.CompletedTask;
    }

    public Task<Seq<JobObject>> ListJobsAsync(Map<string, string> selector) =>
        Task.FromResult(jobs.Values.Where(j => selector.Matches(j.Labels)).Select(JobOf).ToSeq().Strict());

    private JobObject JobOf(JobEntry j)
    {
        if (clock.Now < j.Created + jobDuration) return new JobObject(j.Name, j.Labels, j.Template, JobPhase.Running, "", j.Created);
        var ok = jobSucceeds(j.Labels.Find(WellKnown.CheckLabel).IfNone(""));
        return new JobObject(j.Name, j.Labels, j.Template, ok ? JobPhase.Succeeded : JobPhase.Failed, ok ? "" : "BackoffLimitExceeded: exit code 1", j.Created);
    }

    // ---- ArgoCD

    public Task<Seq<ApplicationSetState>> ListApplicationSetsAsync() =>
        Task.FromResult(applicationSets.ToSeq().Strict());

    public Task<Seq<ArgoApplication>> ListApplicationsAsync()
    {
        Settle();
        return Task.FromResult(applications.Values.Select(a => clock.Now >= a.Created + syncDelay
                ? new ArgoApplication(a.Name, a.ApplicationSet, a.Cluster, "Synced", "Healthy")
                : new ArgoApplication(a.Name, a.ApplicationSet, a.Cluster, "OutOfSync", "Progressing"))
            .Select(ApplicationView).Somes().ToSeq().Strict());
    }

    /// <summary>The ApplicationSet controller: generate for matching cluster secrets, delete for those that stopped matching.</summary>
    private void Settle()
    {
        var clusterSecrets = secrets.Values.Select(s => s.Secret)
            .Where(s => s.Labels.Find(WellKnown.SecretTypeLabel).Exists(v => v == "cluster")).ToList();
        var wanted = applicationSets
            .SelectMany(set => clusterSecrets.Where(s => set.ClusterSelector.Matches(s.Labels))
                .Select(s => (Name: $"{set.Name}-{s.Name}", Set: set.Name, Cluster: s.Name)))
            .ToDictionary(w => w.Name, StringComparer.Ordinal);
        foreach (var gone in applications.Keys.Where(k => !wanted.ContainsKey(k)).ToList()) applications.Remove(gone);
        foreach (var w in wanted.Values.Where(w => !applications.ContainsKey(w.Name)))
            applications[w.Name] = new AppEntry(w.Name, w.Set, w.Cluster, clock.Now);
    }

    // ---- workload clusters

    public Task<Seq<TargetGroupBinding>> ListTargetGroupBindingsAsync(string cluster, string eksClusterName) =>
        Unreachable(cluster, eksClusterName)
            ? throw new PortException(PortErrorKind.Unreachable,
                $"the API server of workload cluster {cluster} (EKS {eksClusterName}) is unreachable: dial tcp: i/o timeout")
            : Task.FromResult(bindings.Where(b => b.Cluster == cluster).ToSeq().Strict());
}
