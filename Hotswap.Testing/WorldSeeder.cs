using System.Text;
using System.Text.Json.Nodes;
using Hotswap.Core.Documents;
using Hotswap.Core.Observed;
using Hotswap.Effects;
using Hotswap.Effects.Kubernetes;
using Hotswap.Testing.KubeApi;

namespace Hotswap.Testing;

/// <summary>
/// Puts the Kubernetes part of a world file into a test API server, as the operator and ArgoCD
/// would have left it: the System (with its finalizer and status), its children with their
/// statuses, ControllerRevision, Jobs, ArgoCD cluster secrets in the ArgoCD namespace (named as
/// <see cref="ClusterSecretNames"/> says), ApplicationSets and the Applications they generated.
/// The AWS part (EKS, rules) stays in the world file. Observing the server then reads back the
/// same World, which is what <c>plan --kubeconfig</c> is tested with.
/// </summary>
public static class WorldSeeder
{
    public static void Seed(KubeApiServer server, JsonObject system, World world, string argoNamespace = "argocd")
    {
        var ns = system["metadata"]!["namespace"]!.GetValue<string>();
        var name = system["metadata"]!["name"]!.GetValue<string>();
        system["metadata"]!["finalizers"] = new JsonArray(Core.Planning.SystemFinalizer.Name);
        foreach (var status in world.SystemStatus) system["status"] = Node(ObjectDocuments.SystemStatus(status));
        var stored = server.Apply(system);
        var owner = new JsonObject
        {
            ["apiVersion"] = HotswapKinds.ApiVersion, ["kind"] = "System", ["name"] = name,
            ["uid"] = stored["metadata"]!["uid"]!.DeepClone(), ["controller"] = true,
        };
        JsonObject Meta(string objectName, string objectNamespace) => new()
        {
            ["name"] = objectName,
            ["namespace"] = objectNamespace,
            ["labels"] = new JsonObject { [WellKnown.SystemLabel] = name, [WellKnown.ManagedByLabel] = WellKnown.ManagedBy },
            ["ownerReferences"] = new JsonArray(owner.DeepClone()),
        };
        JsonObject Child(string kind, string objectName, string spec, string status) => new()
        {
            ["apiVersion"] = HotswapKinds.ApiVersion, ["kind"] = kind, ["metadata"] = Meta(objectName, ns),
            ["spec"] = Node(spec), ["status"] = Node(status),
        };
        foreach (var (n, o) in world.ArgoCDClusters)
            server.Apply(Child("ArgoCDCluster", n, ObjectDocuments.ArgoCDClusterSpec(o.Spec), ObjectDocuments.ArgoCDClusterStatus(o.Status)));
        foreach (var (n, o) in world.Deployments)
            server.Apply(Child("ArgoCDApplicationDeployment", n, ObjectDocuments.DeploymentSpec(o.Spec), ObjectDocuments.DeploymentStatus(o.Status)));
        foreach (var (n, o) in world.Checks)
            server.Apply(Child("Check", n, ObjectDocuments.CheckSpec(o.Spec), ObjectDocuments.CheckStatus(o.Status)));
        foreach (var r in world.Revision)
            server.Apply(new JsonObject
            {
                ["apiVersion"] = "apps/v1", ["kind"] = "ControllerRevision", ["metadata"] = Meta($"{name}-{r.Number}", ns),
                ["revision"] = r.Number, ["data"] = Node(ObjectDocuments.Revision(r)),
            });
        foreach (var (n, j) in world.Jobs)
        {
            var meta = Meta(n, ns);
            meta["labels"]![WellKnown.ApplicationLabel] = j.Application;
            server.Apply(Job(n, j, meta));
        }
        foreach (var (n, s) in world.ClusterSecrets) server.Apply(Secret(ns, name, n, s, argoNamespace));
        var uids = world.ApplicationSets.Map(set => (set.Name, server.Apply(ApplicationSet(set, argoNamespace))["metadata"]!["uid"]!.GetValue<string>()))
            .ToHashMap();
        foreach (var app in world.Applications) server.Apply(Application(ns, app, world, argoNamespace, uids.Find(app.ApplicationSet).IfNone("")));
    }

    private static JsonNode Node(string json) => JsonNode.Parse(json)!;

    private static JsonObject Job(string name, JobState job, JsonObject meta)
    {
        var conditions = job.Phase switch
        {
            JobPhase.Succeeded => new JsonArray(new JsonObject { ["type"] = "Complete", ["status"] = "True" }),
            JobPhase.Failed => new JsonArray(new JsonObject { ["type"] = "Failed", ["status"] = "True", ["reason"] = "BackoffLimitExceeded", ["message"] = job.Message }),
            _ => new JsonArray(),
        };
        return new JsonObject
        {
            ["apiVersion"] = "batch/v1", ["kind"] = "Job", ["metadata"] = meta,
            ["spec"] = Node("""{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"check","image":"busybox"}]}}}"""),
            ["status"] = new JsonObject { ["succeeded"] = job.Phase == JobPhase.Succeeded ? 1 : 0, ["conditions"] = conditions },
        };
    }

    private static JsonObject Secret(string ns, string system, string name, ClusterSecret s, string argo)
    {
        var physical = ClusterSecretNames.Physical(ns, name);
        var labels = new JsonObject
        {
            [ClusterSecretNames.NamespaceLabel] = ns, [WellKnown.ManagedByLabel] = WellKnown.ManagedBy, [WellKnown.SystemLabel] = system,
        };
        foreach (var (k, v) in s.Labels) labels[k] = v;
        var data = new JsonObject();
        foreach (var (k, v) in new[] { ("name", physical), ("server", s.Server), ("config", s.Config) })
            data[k] = Convert.ToBase64String(Encoding.UTF8.GetBytes(v));
        return new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Secret", ["type"] = "Opaque", ["data"] = data,
            ["metadata"] = new JsonObject
            {
                ["name"] = physical, ["namespace"] = argo, ["labels"] = labels,
                ["annotations"] = new JsonObject { [WellKnown.MembershipsAnnotation] = WellKnown.FormatMemberships(s.Memberships) },
            },
        };
    }

    private static JsonObject ApplicationSet(ApplicationSetState set, string argo)
    {
        var labels = new JsonObject();
        foreach (var (k, v) in set.Labels) labels[k] = v;
        var selector = new JsonObject();
        foreach (var (k, v) in set.ClusterSelector) selector[k] = v;
        return new JsonObject
        {
            ["apiVersion"] = "argoproj.io/v1alpha1", ["kind"] = "ApplicationSet",
            ["metadata"] = new JsonObject { ["name"] = set.Name, ["namespace"] = argo, ["labels"] = labels },
            ["spec"] = new JsonObject
            {
                ["generators"] = new JsonArray(new JsonObject { ["clusters"] = new JsonObject { ["selector"] = new JsonObject { ["matchLabels"] = selector } } }),
                ["template"] = Node("""{"metadata":{"name":"{{name}}"},"spec":{"project":"default","destination":{"name":"{{name}}"}}}"""),
                ["syncPolicy"] = new JsonObject { ["preserveResourcesOnDeletion"] = set.PreserveResourcesOnDeletion },
            },
        };
    }

    private static JsonObject Application(string ns, ArgoApplication app, World world, string argo, string setUid) => new()
    {
        ["apiVersion"] = "argoproj.io/v1alpha1", ["kind"] = "Application",
        ["metadata"] = new JsonObject
        {
            ["name"] = app.Name, ["namespace"] = argo,
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "argoproj.io/v1alpha1", ["kind"] = "ApplicationSet", ["name"] = app.ApplicationSet, ["uid"] = setUid,
            }),
        },
        ["spec"] = new JsonObject
        {
            ["project"] = "default",
            ["destination"] = new JsonObject
            {
                ["name"] = world.ClusterSecrets.ContainsKey(app.DestinationCluster)
                    ? ClusterSecretNames.Physical(ns, app.DestinationCluster) : app.DestinationCluster,
            },
        },
        ["status"] = new JsonObject
        {
            ["sync"] = new JsonObject { ["status"] = app.Sync },
            ["health"] = new JsonObject { ["status"] = app.Health },
        },
    };
}
