using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hotswap.Core.Children;
using Hotswap.Core.Documents;
using Hotswap.Core.Observed;
using Hotswap.Core.Status;
using Hotswap.Effects.Ports;
using k8s;
using k8s.Models;

namespace Hotswap.Effects.Kubernetes;

/// <summary>
/// <see cref="IKubernetesObjects"/> on the real API through KubernetesClient, for the Systems of
/// one namespace. hotswap's kinds go through the generic custom-object API (status through
/// <c>/status</c>, guarded by resourceVersion); cluster Secrets, ApplicationSets and Applications
/// live in the ArgoCD namespace; cluster secrets are named per <see cref="ClusterSecretNames"/>.
/// Reads go through <see cref="KubernetesReads"/>: the API itself by default, the operator's
/// informer caches in <c>hotswap run</c>. Every write hands its source the object the API returned
/// (read-your-writes), and every delete tells it the object is gone. TargetGroupBindings inside
/// workload clusters are always read live.
/// </summary>
public sealed class KubernetesObjects : IKubernetesObjects
{
    private readonly IKubernetes client;
    private readonly string argo;
    private readonly Option<IWorkloadClusterCredentials> workloads;
    private readonly KubernetesReads reads;

    /// <param name="client">The control-plane cluster.</param>
    /// <param name="namespace">The Systems' namespace.</param>
    /// <param name="argoNamespace">Where ArgoCD keeps cluster secrets, ApplicationSets and Applications.</param>
    /// <param name="workloads">How to reach workload clusters for TargetGroupBindings; none: listing them fails with Forbidden.</param>
    /// <param name="reads">Where to read; none: the API, on every call.</param>
    public KubernetesObjects(
        IKubernetes client, string @namespace, string argoNamespace = "argocd", IWorkloadClusterCredentials? workloads = null,
        KubernetesReads? reads = null)
    {
        this.client = client;
        this.reads = reads ??= KubernetesReads.Live(client);
        Namespace = @namespace;
        argo = argoNamespace;
        this.workloads = Optional(workloads);
        ArgoCDClusters = new KubernetesChildObjects<ArgoCDClusterSpec, ArgoCDClusterStatus>(client, @namespace,
            new("ArgoCDCluster", HotswapKinds.ArgoCDClusters, ObjectDocuments.ArgoCDClusterSpec, ObjectDocuments.ArgoCDClusterStatus,
                (spec, status) => ObjectDocuments.ArgoCDCluster(spec, status).Map(o => (o.Spec, o.Status)), s => s.System),
            OwnerReferenceAsync, reads.ArgoCDClusters);
        ApplicationDeployments = new KubernetesChildObjects<ApplicationDeploymentSpec, ApplicationDeploymentStatus>(client, @namespace,
            new("ArgoCDApplicationDeployment", HotswapKinds.ApplicationDeployments, ObjectDocuments.DeploymentSpec, ObjectDocuments.DeploymentStatus,
                (spec, status) => ObjectDocuments.Deployment(spec, status).Map(o => (o.Spec, o.Status)), s => s.System),
            OwnerReferenceAsync, reads.ApplicationDeployments);
        Checks = new KubernetesChildObjects<CheckObjectSpec, CheckStatus>(client, @namespace,
            new("Check", HotswapKinds.Checks, ObjectDocuments.CheckSpec, ObjectDocuments.CheckStatus,
                (spec, status) => ObjectDocuments.Check(spec, status).Map(o => (o.Spec, o.Status)), s => s.System),
            OwnerReferenceAsync, reads.Checks);
    }

    public string Namespace { get; }

    public IChildObjects<ArgoCDClusterSpec, ArgoCDClusterStatus> ArgoCDClusters { get; }

    public IChildObjects<ApplicationDeploymentSpec, ApplicationDeploymentStatus> ApplicationDeployments { get; }

    public IChildObjects<CheckObjectSpec, CheckStatus> Checks { get; }

    // ---- System

    private async Task<JsonObject> GetSystemRawAsync(string name) =>
        (await reads.Systems.GetAsync(Namespace, name)).IfNone(() => throw new PortException(PortErrorKind.NotFound,
            $"get System {Namespace}/{name}: systems.{HotswapKinds.Group} \"{name}\" not found"));

    public async Task<SystemObject> GetSystemAsync(string name)
    {
        var o = await GetSystemRawAsync(name);
        var status = o["status"] is JsonObject s && s.Count > 0
            ? ObjectDocuments.ParseSystemStatus(s.ToJsonString()).Match(
                Some,
                errors => throw new PortException(PortErrorKind.Validation,
                    $"System {Namespace}/{name}: status cannot be read: {string.Join("; ", errors.Map(e => e.ToString()))}"))
            : None;
        var finalizers = (Json.At(o, "metadata", "finalizers") as JsonArray)?.Select(f => f?.GetValue<string>() ?? "").ToSeq().Strict()
            ?? Seq<string>();
        var deletion = Json.Text(o, "metadata", "deletionTimestamp");
        var annotations = Json.At(o, "metadata", "annotations") is JsonObject a
            ? toMap(a.Select(kv => (kv.Key, kv.Value?.GetValue<string>() ?? "")))
            : Map<string, string>();
        return new SystemObject(
            name, status, Json.Text(o, "metadata", "resourceVersion"), o.ToJsonString(), finalizers,
            deletion.Length > 0 ? Some(DateTimeOffset.Parse(deletion, CultureInfo.InvariantCulture)) : None, annotations);
    }

    public async Task UpdateSystemStatusAsync(string name, SystemStatus status, string resourceVersion)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = HotswapKinds.ApiVersion,
            ["kind"] = "System",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Namespace, ["resourceVersion"] = resourceVersion },
            ["status"] = Json.Document(ObjectDocuments.SystemStatus(status)),
        };
        reads.Systems.Wrote(await KubernetesFailures.Call($"update status of System {Namespace}/{name}", () =>
            client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<JsonObject>(
                body, HotswapKinds.Group, HotswapKinds.Version, Namespace, HotswapKinds.Systems, name)));
    }

    public Task AddSystemFinalizerAsync(string name, string finalizer, string resourceVersion) =>
        PatchFinalizersAsync(name, resourceVersion, f => f.Contains(finalizer) ? f : [.. f, finalizer]);

    public Task RemoveSystemFinalizerAsync(string name, string finalizer, string resourceVersion) =>
        PatchFinalizersAsync(name, resourceVersion, f => [.. f.Where(x => x != finalizer)]);

    /// <summary>A merge patch replaces the whole list, so it carries the resourceVersion it was computed from.</summary>
    private async Task PatchFinalizersAsync(string name, string resourceVersion, Func<List<string>, List<string>> change)
    {
        var current = await GetSystemAsync(name);
        var wanted = change([.. current.Finalizers]);
        if (wanted.SequenceEqual(current.Finalizers)) return;
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = resourceVersion,
                ["finalizers"] = new JsonArray([.. wanted.Select(f => (JsonNode)f)]),
            },
        };
        var patched = await KubernetesFailures.Call($"patch finalizers of System {Namespace}/{name}", () =>
            client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
                HotswapKinds.Group, HotswapKinds.Version, Namespace, HotswapKinds.Systems, name));
        // The last finalizer of a System being deleted lets it go: the API returns it one last time.
        if (wanted.Count == 0 && Json.Text(patched, "metadata", "deletionTimestamp").Length > 0) reads.Systems.Deleted(Namespace, name);
        else reads.Systems.Wrote(patched);
    }

    private async Task<JsonObject> OwnerReferenceAsync(string system)
    {
        var o = await GetSystemRawAsync(system);
        return new JsonObject
        {
            ["apiVersion"] = HotswapKinds.ApiVersion,
            ["kind"] = "System",
            ["name"] = system,
            ["uid"] = Json.Text(o, "metadata", "uid"),
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        };
    }

    // ---- ControllerRevisions: "<system>-<number>", data = the revision in its document shape

    public async Task SaveRevisionAsync(string system, Revision revision)
    {
        var owner = await OwnerReferenceAsync(system);
        var body = new V1ControllerRevision
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"{system}-{revision.Number}",
                NamespaceProperty = Namespace,
                Labels = new Dictionary<string, string> { [WellKnown.SystemLabel] = system, [WellKnown.ManagedByLabel] = WellKnown.ManagedBy },
                OwnerReferences = [KubernetesJson.Deserialize<V1OwnerReference>(owner.ToJsonString())],
            },
            Revision = revision.Number,
            Data = JsonDocument.Parse(Json.Document(ObjectDocuments.Revision(revision)).ToJsonString()).RootElement,
        };
        reads.Revisions.Wrote(await KubernetesFailures.Call($"create ControllerRevision {Namespace}/{body.Metadata.Name}", () =>
            client.AppsV1.CreateNamespacedControllerRevisionAsync(body, Namespace)));
    }

    public async Task<Seq<Revision>> ListRevisionsAsync(string system)
    {
        var list = await reads.Revisions.ListAsync(Namespace, Map((WellKnown.SystemLabel, system)));
        return list
            .Map(r => ObjectDocuments.ParseRevision(JsonSerializer.Serialize(r.Data)).Match(
                x => x,
                errors => throw new PortException(PortErrorKind.Validation,
                    $"ControllerRevision {Namespace}/{r.Metadata.Name} cannot be read: {string.Join("; ", errors.Map(e => e.ToString()))}")))
            .OrderBy(r => r.Number)
            .ToSeq().Strict();
    }

    // ---- cluster Secrets in the ArgoCD namespace

    private Task<Seq<V1Secret>> ClusterSecretsRawAsync() =>
        reads.ClusterSecrets.ListAsync(argo, Map((WellKnown.SecretTypeLabel, "cluster")));

    private static Map<string, string> Decoded(V1Secret s) =>
        toMap((s.Data ?? new Dictionary<string, byte[]>()).Select(kv => (kv.Key, Encoding.UTF8.GetString(kv.Value))));

    private static Map<string, string> LabelsOf(V1Secret s) => toMap((s.Metadata.Labels ?? new Dictionary<string, string>()).Select(kv => (kv.Key, kv.Value)));

    private static Map<string, string> AnnotationsOf(V1Secret s) =>
        toMap((s.Metadata.Annotations ?? new Dictionary<string, string>()).Select(kv => (kv.Key, kv.Value)));

    private Option<string> LogicalName(V1Secret s) =>
        ClusterSecretNames.Logical(Namespace, s.Metadata.Name, LabelsOf(s), AnnotationsOf(s));

    private SecretObject ToSecretObject(V1Secret s) =>
        new(LogicalName(s).IfNone(s.Metadata.Name), Decoded(s), LabelsOf(s), AnnotationsOf(s), s.Metadata.ResourceVersion ?? "");

    public async Task<Seq<SecretObject>> ListClusterSecretsAsync() =>
        (await ClusterSecretsRawAsync()).Map(ToSecretObject).OrderBy(s => s.Name, StringComparer.Ordinal).ToSeq().Strict();

    /// <summary>The secret Core calls <paramref name="name"/>: hotswap's own, or one it adopted.</summary>
    private async Task<V1Secret> ResolveAsync(string name)
    {
        var physical = ClusterSecretNames.Physical(Namespace, name);
        var own = await reads.ClusterSecrets.GetAsync(argo, physical);
        if (own.IsSome) return own.IfNone(() => throw new InvalidOperationException());
        var adopted = (await ClusterSecretsRawAsync()).Find(s => IsAdopted(s) && LogicalName(s) == Some(name));
        return adopted.IfNone(() => throw new PortException(PortErrorKind.NotFound,
            $"get secret {argo}/{physical}: secrets \"{physical}\" not found"));
    }

    private bool IsAdopted(V1Secret s) =>
        LabelsOf(s).Find(ClusterSecretNames.NamespaceLabel).Exists(ns => ns == Namespace)
        && AnnotationsOf(s).ContainsKey(ClusterSecretNames.AdoptedAsAnnotation);

    public async Task<SecretObject> GetSecretAsync(string name) => ToSecretObject(await ResolveAsync(name));

    /// <summary>
    /// Creates "&lt;namespace&gt;.&lt;name&gt;", or adopts a secret someone else made for the same
    /// server: labels and the adopted-as annotation are added, its name and data.name are kept
    /// (its Applications point at them), and only data that differs is written.
    /// </summary>
    public async Task CreateSecretAsync(string name, string owner, Map<string, string> data, Map<string, string> labels)
    {
        var physical = ClusterSecretNames.Physical(Namespace, name);
        var server = data.Find("server").IfNone("");
        var existing = await ClusterSecretsRawAsync();
        if (existing.Exists(s => s.Metadata.Name == physical) || existing.Exists(s => IsAdopted(s) && LogicalName(s) == Some(name)))
            throw new PortException(PortErrorKind.AlreadyExists, $"secret {argo}/{physical} already exists");
        var sameServer = existing.Find(s => server.Length > 0 && Decoded(s).Find("server") == Some(server));
        foreach (var other in sameServer)
        {
            if (LabelsOf(other).ContainsKey(ClusterSecretNames.NamespaceLabel))
                throw new PortException(PortErrorKind.Validation,
                    $"secret {argo}/{other.Metadata.Name} of another System already registers server {server} with ArgoCD; " +
                    "ArgoCD keys clusters by server, so one cluster cannot be in two Systems");
            await AdoptAsync(other, name, owner, data, labels);
            return;
        }
        var body = new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = physical,
                NamespaceProperty = argo,
                Labels = labels.AddOrUpdate(ClusterSecretNames.NamespaceLabel, Namespace).ToDictionary(kv => kv.Key, kv => kv.Value),
                Annotations = new Dictionary<string, string> { [OwnerAnnotation] = $"ArgoCDCluster {Namespace}/{owner}" },
            },
            Type = "Opaque",
            Data = data.AddOrUpdate("name", physical).ToDictionary(kv => kv.Key, kv => Encoding.UTF8.GetBytes(kv.Value)),
        };
        reads.ClusterSecrets.Wrote(
            await KubernetesFailures.Call($"create secret {argo}/{physical}", () => client.CoreV1.CreateNamespacedSecretAsync(body, argo)));
    }

    /// <summary>Cross-namespace ownerReferences are not allowed; the owner is recorded for people, and a finalizer on the System cleans up.</summary>
    public const string OwnerAnnotation = "hotswap.mumoshu.github.io/owner";

    private async Task AdoptAsync(V1Secret secret, string name, string owner, Map<string, string> data, Map<string, string> labels)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = secret.Metadata.ResourceVersion,
                ["labels"] = Json.Labels(labels.AddOrUpdate(ClusterSecretNames.NamespaceLabel, Namespace)),
                ["annotations"] = Json.Labels(Map(
                    (ClusterSecretNames.AdoptedAsAnnotation, name), (OwnerAnnotation, $"ArgoCDCluster {Namespace}/{owner}"))),
            },
        };
        var changed = ChangedData(secret, data.Remove("name"));
        if (changed.Count > 0) patch["data"] = changed;
        await PatchSecretAsync($"adopt secret {argo}/{secret.Metadata.Name}", secret.Metadata.Name, patch);
    }

    /// <summary>Only the keys whose value differs, base64-encoded, so a converged secret is not rewritten.</summary>
    private static Map<string, string> ChangedDataMap(V1Secret secret, Map<string, string> data)
    {
        var current = Decoded(secret);
        return data.Filter((k, v) => current.Find(k) != Some(v));
    }

    private static JsonObject ChangedData(V1Secret secret, Map<string, string> data)
    {
        var o = new JsonObject();
        foreach (var (k, v) in ChangedDataMap(secret, data)) o[k] = Convert.ToBase64String(Encoding.UTF8.GetBytes(v));
        return o;
    }

    public async Task PatchSecretDataAsync(string name, Map<string, string> data)
    {
        var secret = await ResolveAsync(name);
        var wanted = IsAdopted(secret) ? data.Remove("name") : data.AddOrUpdate("name", secret.Metadata.Name);
        var changed = ChangedData(secret, wanted);
        if (changed.Count == 0) return;
        await PatchSecretAsync($"patch secret {argo}/{secret.Metadata.Name}", secret.Metadata.Name, new JsonObject { ["data"] = changed });
    }

    public async Task PatchSecretMetadataAsync(
        string name, Map<string, string> setLabels, Seq<string> removeLabels, Map<string, string> annotations, string resourceVersion)
    {
        var secret = await ResolveAsync(name);
        var labels = new JsonObject();
        foreach (var k in removeLabels) labels[k] = null;
        foreach (var (k, v) in setLabels) labels[k] = v;
        var notes = new JsonObject();
        foreach (var (k, v) in annotations) notes[k] = v.Length == 0 ? null : v;
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion, ["labels"] = labels, ["annotations"] = notes },
        };
        await PatchSecretAsync($"patch secret {argo}/{secret.Metadata.Name}", secret.Metadata.Name, patch);
    }

    /// <summary>A merge patch of a secret in the ArgoCD namespace; what it returns is remembered.</summary>
    private async Task PatchSecretAsync(string what, string physical, JsonObject patch) =>
        reads.ClusterSecrets.Wrote(await KubernetesFailures.Call(what, () =>
            client.CoreV1.PatchNamespacedSecretAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), physical, argo)));

    public async Task DeleteClusterSecretAsync(string name)
    {
        var secret = await ResolveAsync(name);
        if (!IsAdopted(secret))
        {
            await KubernetesFailures.Call($"delete secret {argo}/{secret.Metadata.Name}", () =>
                client.CoreV1.DeleteNamespacedSecretAsync(secret.Metadata.Name, argo));
            reads.ClusterSecrets.Deleted(argo, secret.Metadata.Name);
            return;
        }
        var labels = new JsonObject();
        foreach (var k in new[] { WellKnown.ManagedByLabel, WellKnown.SystemLabel, ClusterSecretNames.NamespaceLabel }) labels[k] = null;
        var notes = new JsonObject();
        foreach (var k in new[] { ClusterSecretNames.AdoptedAsAnnotation, OwnerAnnotation, WellKnown.MembershipsAnnotation }) notes[k] = null;
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = labels, ["annotations"] = notes } };
        await PatchSecretAsync($"release adopted secret {argo}/{secret.Metadata.Name}", secret.Metadata.Name, patch);
    }

    // ---- Jobs

    /// <summary><paramref name="templateJson"/> is a Job manifest (at least its spec); restartPolicy defaults to Never.</summary>
    public async Task CreateJobAsync(string name, Map<string, string> labels, string templateJson)
    {
        var job = JsonNode.Parse(templateJson) as JsonObject ?? new JsonObject();
        job["apiVersion"] = "batch/v1";
        job["kind"] = "Job";
        var meta = job["metadata"] as JsonObject ?? new JsonObject();
        meta["name"] = name;
        meta["namespace"] = Namespace;
        var jobLabels = meta["labels"] as JsonObject ?? new JsonObject();
        foreach (var (k, v) in labels) jobLabels[k] = v;
        meta["labels"] = jobLabels;
        job["metadata"] = meta;
        if (Json.At(job, "spec", "template", "spec") is JsonObject pod && pod["restartPolicy"] is null) pod["restartPolicy"] = "Never";
        var body = KubernetesJson.Deserialize<V1Job>(job.ToJsonString());
        reads.Jobs.Wrote(
            await KubernetesFailures.Call($"create Job {Namespace}/{name}", () => client.BatchV1.CreateNamespacedJobAsync(body, Namespace)));
    }

    public async Task<Seq<JobObject>> ListJobsAsync(Map<string, string> selector)
    {
        var list = await reads.Jobs.ListAsync(Namespace, selector);
        return list.Map(ToJobObject).OrderBy(j => j.Name, StringComparer.Ordinal).ToSeq().Strict();
    }

    private static JobObject ToJobObject(V1Job j)
    {
        var labels = toMap((j.Metadata.Labels ?? new Dictionary<string, string>()).Select(kv => (kv.Key, kv.Value)));
        var template = KubernetesJson.Serialize(new JsonObject { ["spec"] = JsonNode.Parse(KubernetesJson.Serialize(j.Spec)) });
        var failed = (j.Status?.Conditions ?? []).FirstOrDefault(c => c.Type == "Failed" && c.Status == "True");
        var complete = (j.Status?.Conditions ?? []).Any(c => c.Type == "Complete" && c.Status == "True") || (j.Status?.Succeeded ?? 0) > 0;
        var created = j.Metadata.CreationTimestamp is { } t ? Some(new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))) : None;
        return failed is not null
            ? new JobObject(j.Metadata.Name, labels, template, JobPhase.Failed, $"{failed.Reason}: {failed.Message}".Trim(' ', ':'), created)
            : new JobObject(j.Metadata.Name, labels, template, complete ? JobPhase.Succeeded : JobPhase.Running, "", created);
    }

    public async Task DeleteJobAsync(string name)
    {
        await KubernetesFailures.Call($"delete Job {Namespace}/{name}", () =>
            client.BatchV1.DeleteNamespacedJobAsync(name, Namespace, propagationPolicy: "Background"));
        reads.Jobs.Deleted(Namespace, name);
    }

    // ---- ArgoCD, read as dynamic objects shaped by its CRDs

    public async Task<Seq<ApplicationSetState>> ListApplicationSetsAsync()
    {
        var list = await reads.ApplicationSets.ListAsync(argo, Map<string, string>());
        return list.Map(ToApplicationSet).OrderBy(s => s.Name, StringComparer.Ordinal).ToSeq().Strict();
    }

    /// <summary>The cluster generator's selector.matchLabels (the first cluster generator; ArgoCD allows several).</summary>
    private static ApplicationSetState ToApplicationSet(JsonObject o)
    {
        var generators = (Json.At(o, "spec", "generators") as JsonArray)?.OfType<JsonObject>() ?? [];
        var selector = generators.Select(g => Json.At(g, "clusters", "selector", "matchLabels")).FirstOrDefault(s => s is not null);
        var preserve = Json.At(o, "spec", "syncPolicy", "preserveResourcesOnDeletion") is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        return new ApplicationSetState(Json.Text(o, "metadata", "name"), Json.Strings(Json.At(o, "metadata", "labels")), Json.Strings(selector), preserve);
    }

    public async Task<Seq<ArgoApplication>> ListApplicationsAsync()
    {
        var list = await reads.Applications.ListAsync(argo, Map<string, string>());
        var secrets = await ClusterSecretsRawAsync();
        return list
            .Choose(o => ToApplication(o, secrets))
            .OrderBy(a => a.Name, StringComparer.Ordinal).ToSeq().Strict();
    }

    /// <summary>
    /// An Application generated by an ApplicationSet (its owner), with its destination as the name
    /// Core knows the cluster secret by: destination.name is ArgoCD's cluster name (data.name),
    /// destination.server its server; either leads to the secret.
    /// </summary>
    private Option<ArgoApplication> ToApplication(JsonObject o, Seq<V1Secret> secrets)
    {
        var owners = (Json.At(o, "metadata", "ownerReferences") as JsonArray)?.OfType<JsonObject>() ?? [];
        var set = owners.FirstOrDefault(r => Json.Text(r, "kind") == "ApplicationSet");
        if (set is null) return None;
        var destName = Json.Text(o, "spec", "destination", "name");
        var destServer = Json.Text(o, "spec", "destination", "server");
        var secret = secrets.Find(s => destName.Length > 0
            ? Decoded(s).Find("name") == Some(destName)
            : Decoded(s).Find("server") == Some(destServer));
        var destination = secret.Map(s => LogicalName(s).IfNone(s.Metadata.Name)).IfNone(destName.Length > 0 ? destName : destServer);
        var sync = Json.Text(o, "status", "sync", "status");
        var health = Json.Text(o, "status", "health", "status");
        return new ArgoApplication(Json.Text(o, "metadata", "name"), Json.Text(set, "name"), destination,
            sync.Length > 0 ? sync : "Unknown", health.Length > 0 ? health : "Unknown");
    }

    // ---- workload clusters

    public async Task<Seq<TargetGroupBinding>> ListTargetGroupBindingsAsync(string cluster, string eksClusterName)
    {
        var credentials = workloads.IfNone(() => throw new PortException(PortErrorKind.Forbidden,
            $"cannot reach workload cluster {cluster}: no workload cluster credentials are configured"));
        var access = await credentials.GetAsync(cluster, eksClusterName);
        using var workload = new k8s.Kubernetes(WorkloadConfig(access));
        var list = await KubernetesFailures.Call($"list TargetGroupBindings in cluster {cluster}", () =>
            workload.CustomObjects.ListClusterCustomObjectAsync<JsonObject>(
                HotswapKinds.TargetGroupBindingGroup, HotswapKinds.TargetGroupBindingVersion, HotswapKinds.TargetGroupBindings));
        return KubernetesChildObjects<int, int>.Items(list)
            .Map(o => new TargetGroupBinding(cluster,
                $"{Json.Text(o, "metadata", "namespace")}/{Json.Text(o, "metadata", "name")}",
                Json.Strings(Json.At(o, "metadata", "labels")),
                Json.Text(o, "spec", "targetGroupARN")))
            .OrderBy(b => b.Name, StringComparer.Ordinal).ToSeq().Strict();
    }

    private static KubernetesClientConfiguration WorkloadConfig(WorkloadClusterAccess access)
    {
        var config = new KubernetesClientConfiguration { Host = access.Endpoint, AccessToken = access.Token };
        if (access.CertificateAuthorityData.Length > 0)
        {
            var pem = Encoding.UTF8.GetString(Convert.FromBase64String(access.CertificateAuthorityData));
            config.SslCaCerts = [X509Certificate2.CreateFromPem(pem)];
        }
        return config;
    }
}
