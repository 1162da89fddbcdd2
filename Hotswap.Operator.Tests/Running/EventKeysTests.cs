using System.Text.Json.Nodes;
using Hotswap.Effects;
using Hotswap.Operator.Running;
using Hotswap.Operator.Watching;
using k8s;
using k8s.Models;

namespace Hotswap.Operator.Tests.Running;

/// <summary>Which keys a change queues, read from the object and what the caches hold.</summary>
public sealed class EventKeysTests
{
    private const string Ns = "team-a";
    private readonly Caches caches = new(
        new k8s.Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }), [], "argocd",
        new RecordingObserver(), TimeProvider.System, _ => { });
    private readonly EventKeys keys;

    public EventKeysTests()
    {
        keys = new EventKeys(caches);
        caches.ApplicationDeployments.Upsert(Deployment("mysystem-web", "mysystem", """{"name":"web"}"""));
        caches.ApplicationDeployments.Upsert(Deployment("mysystem-api", "mysystem", """{"selector":{"matchLabels":{"app.kubernetes.io/part-of":"api"}}}"""));
        caches.ApplicationDeployments.Upsert(Deployment("other-web", "other", """{"name":"web-2"}"""));
        caches.ApplicationSets.Upsert(Object("ApplicationSet", "api", "argocd", labels: new JsonObject { ["app.kubernetes.io/part-of"] = "api" }));
        caches.ApplicationSets.Upsert(Object("ApplicationSet", "web", "argocd"));
    }

    private static JsonObject Object(string kind, string name, string ns, JsonObject? labels = null, JsonObject? spec = null, JsonObject? status = null)
    {
        var o = new JsonObject
        {
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["resourceVersion"] = "1", ["labels"] = labels ?? new JsonObject() },
        };
        if (spec is not null) o["spec"] = spec;
        if (status is not null) o["status"] = status;
        return o;
    }

    private static JsonObject Deployment(string name, string system, string applicationSet) =>
        Object("ArgoCDApplicationDeployment", name, Ns, new JsonObject { ["hotswap.mumoshu.github.io/system"] = system },
            JsonNode.Parse($$$"""
                {"name":"{{{name}}}","system":"{{{system}}}","application":"x","clusterNames":[],
                 "clusterSecret":{"name":"s","labels":{"a":"b"}},"applicationSet":{{{applicationSet}}},
                 "updateStrategy":"CreateBeforeDelete"}
                """)!.AsObject());

    private static JsonObject Application(string set, string sync, string reconciledAt)
    {
        var app = Object("Application", $"{set}-x", "argocd", status: JsonNode.Parse(
            $$$"""{"sync":{"status":"{{{sync}}}"},"health":{"status":"Healthy"},"reconciledAt":"{{{reconciledAt}}}"}""")!.AsObject());
        app["metadata"]!["ownerReferences"] = JsonNode.Parse($$$"""[{"kind":"ApplicationSet","name":"{{{set}}}"}]""");
        return app;
    }

    private string[] Of(Watched what, object? old, object? now) =>
        [.. keys.Of(new CacheChange(what, old, now)).Select(k => k.ToString()).Order(StringComparer.Ordinal)];

    [Fact]
    public void A_child_queues_itself_and_its_system() =>
        Assert.Equal(new[] { "team-a/check/mysystem-web-dd", "team-a/system/mysystem" },
            Of(Watched.Check, null, Object("Check", "mysystem-web-dd", Ns, new JsonObject { ["hotswap.mumoshu.github.io/system"] = "mysystem" })));

    [Fact]
    public void A_cluster_secret_queues_its_argocdcluster_its_system_and_the_systems_deployments()
    {
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = "team-a.mysystem-web-1", NamespaceProperty = "argocd", ResourceVersion = "3",
                Labels = new Dictionary<string, string>
                {
                    ["hotswap.mumoshu.github.io/namespace"] = Ns, ["hotswap.mumoshu.github.io/system"] = "mysystem",
                    ["argocd.argoproj.io/secret-type"] = "cluster",
                },
            },
        };

        Assert.Equal(
            new[] { "team-a/argocdapplicationdeployment/mysystem-api", "team-a/argocdapplicationdeployment/mysystem-web",
                "team-a/argocdcluster/mysystem-web-1", "team-a/system/mysystem" },
            Of(Watched.ClusterSecret, null, secret));
    }

    [Fact]
    public void An_application_whose_sync_changed_queues_the_deployments_choosing_its_set_by_name_or_selector_and_their_systems()
    {
        Assert.Equal(new[] { "team-a/argocdapplicationdeployment/mysystem-web", "team-a/system/mysystem" },
            Of(Watched.Application, Application("web", "OutOfSync", "t1"), Application("web", "Synced", "t1")));
        Assert.Equal(new[] { "team-a/argocdapplicationdeployment/mysystem-api", "team-a/system/mysystem" },
            Of(Watched.Application, null, Application("api", "Synced", "t1")));
    }

    [Fact]
    public void An_application_whose_change_hotswap_does_not_read_queues_nothing() =>
        Assert.Empty(Of(Watched.Application, Application("web", "Synced", "t1"), Application("web", "Synced", "t2")));

    [Fact]
    public void A_job_queues_its_system_by_label() =>
        Assert.Equal(new[] { "team-a/system/mysystem" }, Of(Watched.Job, null, new V1Job
        {
            Metadata = new V1ObjectMeta
            {
                Name = "smoke", NamespaceProperty = Ns, Labels = new Dictionary<string, string> { ["hotswap.mumoshu.github.io/system"] = "mysystem" },
            },
        }));
}
