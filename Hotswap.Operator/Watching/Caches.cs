using System.Text.Json.Nodes;
using Hotswap.Effects;
using Hotswap.Effects.Kubernetes;
using Hotswap.Operator.Running;
using k8s;
using k8s.Models;

namespace Hotswap.Operator.Watching;

/// <summary>
/// Every informer <c>hotswap run</c> keeps, and the stores they fill: hotswap's four kinds, and the
/// Jobs and ControllerRevisions carrying its System label, in the watched namespaces (all, or one
/// informer per listed namespace into a shared store); the cluster Secrets, ApplicationSets and
/// Applications of the ArgoCD namespace. <see cref="Reads"/> is what the adapters read instead of
/// the API. Workload-cluster TargetGroupBindings are not watched.
/// </summary>
public sealed class Caches
{
    private readonly List<Func<CancellationToken, Task>> runs = [];
    private readonly List<Func<bool>> synced = [];
    private readonly List<Func<int>> lists = [];

    /// <param name="namespaces">The Systems' namespaces; empty: all.</param>
    /// <param name="changed">Each change any store took, on its informer's task.</param>
    /// <param name="watchTimeout">How long one watch request lasts; default 5–10 minutes.</param>
    public Caches(
        IKubernetes client, IReadOnlyList<string> namespaces, string argoNamespace, IControllerObserver observer, TimeProvider time,
        Action<CacheChange> changed, TimeSpan? watchTimeout = null)
    {
        ArgoNamespace = argoNamespace;
        IReadOnlyList<string?> scopes = namespaces.Count == 0 ? [null] : [.. namespaces.Distinct()];
        var hasSystem = WellKnown.SystemLabel;
        void Add<T>(Watched what, ObjectStore<T> store, Func<string?, WatchedCollection<T>> collection, IEnumerable<string?> where)
            where T : class
        {
            foreach (var scope in where)
            {
                var informer = new Informer<T>(collection(scope), store, observer, time,
                    c => changed(new CacheChange(what, c.Old, c.New)), watchTimeout);
                runs.Add(informer.RunAsync);
                synced.Add(() => informer.Synced);
                lists.Add(() => informer.Lists);
            }
        }
        WatchedCollection<JsonObject> Hotswap(string plural, string? ns) =>
            Collections.Custom(client, HotswapKinds.Group, HotswapKinds.Version, plural, ns);
        Add(Watched.System, Systems, ns => Hotswap(HotswapKinds.Systems, ns), scopes);
        Add(Watched.ArgoCDCluster, ArgoCDClusters, ns => Hotswap(HotswapKinds.ArgoCDClusters, ns), scopes);
        Add(Watched.ApplicationDeployment, ApplicationDeployments, ns => Hotswap(HotswapKinds.ApplicationDeployments, ns), scopes);
        Add(Watched.Check, Checks, ns => Hotswap(HotswapKinds.Checks, ns), scopes);
        Add(Watched.Job, Jobs, ns => Collections.Jobs(client, ns, hasSystem), scopes);
        Add(Watched.Revision, Revisions, ns => Collections.Revisions(client, ns, hasSystem), scopes);
        Add(Watched.ClusterSecret, ClusterSecrets,
            ns => Collections.Secrets(client, ns!, $"{WellKnown.SecretTypeLabel}=cluster"), [argoNamespace]);
        Add(Watched.ApplicationSet, ApplicationSets,
            ns => Collections.Custom(client, HotswapKinds.ArgoGroup, HotswapKinds.ArgoVersion, HotswapKinds.ApplicationSets, ns), [argoNamespace]);
        Add(Watched.Application, Applications,
            ns => Collections.Custom(client, HotswapKinds.ArgoGroup, HotswapKinds.ArgoVersion, HotswapKinds.Applications, ns), [argoNamespace]);
    }

    public string ArgoNamespace { get; }

    public ObjectStore<JsonObject> Systems { get; } = Custom();
    public ObjectStore<JsonObject> ArgoCDClusters { get; } = Custom();
    public ObjectStore<JsonObject> ApplicationDeployments { get; } = Custom();
    public ObjectStore<JsonObject> Checks { get; } = Custom();
    public ObjectStore<V1Secret> ClusterSecrets { get; } = new(s => s.Metadata);
    public ObjectStore<V1Job> Jobs { get; } = new(j => j.Metadata);
    public ObjectStore<V1ControllerRevision> Revisions { get; } = new(r => r.Metadata);
    public ObjectStore<JsonObject> ApplicationSets { get; } = Custom();
    public ObjectStore<JsonObject> Applications { get; } = Custom();

    private static ObjectStore<JsonObject> Custom() => new(Collections.MetaOf, Collections.Materialised);

    /// <summary>The stores as the adapters read them.</summary>
    public KubernetesReads Reads => new(
        Systems, ArgoCDClusters, ApplicationDeployments, Checks, ClusterSecrets, Jobs, Revisions, ApplicationSets, Applications);

    /// <summary>True once every informer listed its collection at least once.</summary>
    public bool Synced => synced.TrueForAll(s => s());

    /// <summary>Lists made so far, over every informer (one each, plus one per 410).</summary>
    public int Lists => lists.Sum(l => l());

    /// <summary>Runs every informer until <paramref name="stopping"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken stopping) =>
        Task.WhenAll(runs.Select(run => Task.Run(() => run(stopping), CancellationToken.None)));
}
