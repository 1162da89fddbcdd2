using System.Text.Json.Nodes;
using Hotswap.Core.Documents;
using Hotswap.Effects;
using Hotswap.Effects.Kubernetes;
using Hotswap.Operator.Watching;
using k8s.Models;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Hotswap.Operator.Running;

/// <summary>
/// Which work-queue keys a cache change concerns, read from the object and the caches:
/// <list type="bullet">
/// <item>a System: its own key;</item>
/// <item>a child (ArgoCDCluster, ArgoCDApplicationDeployment, Check): its own key and its System's
/// (the System reads its children's status);</item>
/// <item>a cluster Secret (named as <see cref="ClusterSecretNames"/> says): its ArgoCDCluster, that
/// System and the System's ArgoCDApplicationDeployments;</item>
/// <item>an ApplicationSet, or an Application (through the ApplicationSet that owns it): every
/// ArgoCDApplicationDeployment that chooses that ApplicationSet, by name or selector, and its System
/// — and only when something hotswap reads changed (ArgoCD rewrites an Application's status every
/// few minutes, reconciledAt and the like, which must not wake every System);</item>
/// <item>a Job or ControllerRevision: its System, by label.</item>
/// </list>
/// Old and new object both count: a label change can move an object from one owner to another.
/// </summary>
public sealed class EventKeys(Caches caches)
{
    public IEnumerable<QueueKey> Of(CacheChange change) => change.Collection switch
    {
        Watched.System => Objects(change).Select(o => new QueueKey(Namespace(o), ObjectKey.System(Name(o)))),
        Watched.ArgoCDCluster => Children(change, ObjectKey.ArgoCDCluster),
        Watched.ApplicationDeployment => Children(change, ObjectKey.ApplicationDeployment),
        Watched.Check => Children(change, ObjectKey.Check),
        Watched.ClusterSecret => Secrets(change),
        Watched.Job or Watched.Revision => Labelled(change),
        Watched.ApplicationSet => Relevant(change, ApplicationSetView) ? SetsChanged(Objects(change).Select(Name)) : [],
        Watched.Application => Relevant(change, ApplicationView) ? SetsChanged(Objects(change).Select(OwningSet).OfType<string>()) : [],
        _ => [],
    };

    /// <summary>The key of every object the caches hold that a reconciler owns: what a resync queues.</summary>
    public IEnumerable<QueueKey> All() =>
        caches.Systems.All().Select(o => new QueueKey(Namespace(o), ObjectKey.System(Name(o))))
            .Concat(caches.ArgoCDClusters.All().Select(o => new QueueKey(Namespace(o), ObjectKey.ArgoCDCluster(Name(o)))))
            .Concat(caches.ApplicationDeployments.All().Select(o => new QueueKey(Namespace(o), ObjectKey.ApplicationDeployment(Name(o)))))
            .Concat(caches.Checks.All().Select(o => new QueueKey(Namespace(o), ObjectKey.Check(Name(o)))));

    private static IEnumerable<JsonObject> Objects(CacheChange c) =>
        new[] { c.Old, c.New }.OfType<JsonObject>().DistinctBy(o => (Namespace(o), Name(o)));

    private static IEnumerable<QueueKey> Children(CacheChange change, Func<string, ObjectKey> key) =>
        Objects(change).SelectMany(o => SystemOf(Labels(o))
            .Select(s => new QueueKey(Namespace(o), ObjectKey.System(s))).Prepend(new QueueKey(Namespace(o), key(Name(o)))));

    private static IEnumerable<QueueKey> Labelled(CacheChange change) =>
        new[] { change.Old, change.New }.Select(o => o switch
            {
                V1Job j => j.Metadata,
                V1ControllerRevision r => r.Metadata,
                _ => null,
            })
            .OfType<V1ObjectMeta>()
            .SelectMany(m => SystemOf(Dictionary(m.Labels)).Select(s => new QueueKey(m.NamespaceProperty ?? "", ObjectKey.System(s))))
            .Distinct();

    private IEnumerable<QueueKey> Secrets(CacheChange change) =>
        new[] { change.Old, change.New }.OfType<V1Secret>().SelectMany(SecretKeys).Distinct();

    private IEnumerable<QueueKey> SecretKeys(V1Secret s)
    {
        var labels = Dictionary(s.Metadata.Labels);
        var ns = labels.Find(ClusterSecretNames.NamespaceLabel);
        if (ns.IsNone) return [];
        var @namespace = ns.IfNone("");
        var logical = ClusterSecretNames.Logical(@namespace, s.Metadata.Name, labels, Dictionary(s.Metadata.Annotations));
        var cluster = logical.Map(n => new QueueKey(@namespace, ObjectKey.ArgoCDCluster(n)));
        var systems = SystemOf(labels).ToList();
        return cluster.ToSeq()
            .Concat(systems.Select(x => new QueueKey(@namespace, ObjectKey.System(x))))
            .Concat(systems.SelectMany(x => caches.ApplicationDeployments.List(@namespace, Map((WellKnown.SystemLabel, x)))
                .Select(d => new QueueKey(@namespace, ObjectKey.ApplicationDeployment(Name(d))))));
    }

    /// <summary>The deployments that choose any of these ApplicationSets (as they are now, or were), and their Systems.</summary>
    private IEnumerable<QueueKey> SetsChanged(IEnumerable<string> setNames)
    {
        var names = setNames.ToHashSet(StringComparer.Ordinal);
        if (names.Count == 0) return [];
        var sets = caches.ApplicationSets.All().Where(s => names.Contains(Name(s))).ToList();
        return caches.ApplicationDeployments.All()
            .Where(d => Chooses(d, names, sets))
            .SelectMany(d => SystemOf(Labels(d)).Select(s => new QueueKey(Namespace(d), ObjectKey.System(s)))
                .Prepend(new QueueKey(Namespace(d), ObjectKey.ApplicationDeployment(Name(d)))))
            .Distinct();
    }

    /// <summary>By name, or by a selector that matches a set's labels; a spec that cannot be read is woken too, to report why.</summary>
    private static bool Chooses(JsonObject deployment, System.Collections.Generic.HashSet<string> names, List<JsonObject> sets) =>
        ObjectDocuments.Deployment(deployment["spec"]?.ToJsonString() ?? "{}", None).Match(
            d => d.Spec.ApplicationSet.Name.Match(
                n => names.Contains(n),
                () => sets.Exists(s => d.Spec.ApplicationSet.Selector.Matches(Labels(s)))),
            _ => true);

    /// <summary>Whether a change touched what hotswap reads of the object (a deletion or creation always does).</summary>
    private static bool Relevant(CacheChange c, Func<JsonObject, string> view) =>
        c.Old is not JsonObject old || c.New is not JsonObject now || view(old) != view(now);

    /// <summary>What hotswap reads of an ApplicationSet: its labels, generators and deletion policy.</summary>
    private static string ApplicationSetView(JsonObject o) =>
        $"{o["metadata"]?["labels"]?.ToJsonString()}|{o["spec"]?["generators"]?.ToJsonString()}|{o["spec"]?["syncPolicy"]?.ToJsonString()}";

    /// <summary>What hotswap reads of an Application: owner, destination, sync and health.</summary>
    private static string ApplicationView(JsonObject o) =>
        $"{o["metadata"]?["ownerReferences"]?.ToJsonString()}|{o["spec"]?["destination"]?.ToJsonString()}|" +
        $"{o["status"]?["sync"]?["status"]}|{o["status"]?["health"]?["status"]}";

    private static string? OwningSet(JsonObject o) =>
        (o["metadata"]?["ownerReferences"] as JsonArray)?.OfType<JsonObject>()
        .FirstOrDefault(r => r["kind"]?.GetValue<string>() == "ApplicationSet")?["name"]?.GetValue<string>();

    private static Option<string> SystemOf(Map<string, string> labels) => labels.Find(WellKnown.SystemLabel);

    private static Map<string, string> Labels(JsonObject o) =>
        toMap((o["metadata"]?["labels"] as JsonObject)?.Where(kv => kv.Value is JsonValue)
            .Select(kv => (kv.Key, kv.Value!.ToString())) ?? []);

    private static Map<string, string> Dictionary(IDictionary<string, string>? d) =>
        toMap((d ?? new Dictionary<string, string>()).Select(kv => (kv.Key, kv.Value)));

    private static string Namespace(JsonObject o) => o["metadata"]?["namespace"]?.GetValue<string>() ?? "";

    private static string Name(JsonObject o) => o["metadata"]?["name"]?.GetValue<string>() ?? "";
}
