using System.Text.Json.Nodes;
using Hotswap.Testing.KubeApi;
using k8s;

namespace Hotswap.Testing;

/// <summary>
/// The test API server loaded as a control-plane cluster would be: hotswap's CRDs (from
/// deploy/crds/ once generated there; until then, schemaless stand-ins with the status
/// subresource), ArgoCD's and the load balancer controller's real CRDs, and the namespaces.
/// </summary>
public static class ControlPlane
{
    public const string Namespace = "team-a";
    public const string ArgoNamespace = "argocd";

    /// <param name="repoRoot">The repository (for deploy/crds/ and examples/).</param>
    /// <param name="shared">The shared folder beside it (for upstream/).</param>
    /// <param name="failWrites">Every write over HTTP fails (seeding through the store still works).</param>
    /// <param name="authorize">Decides every resource request over HTTP (<see cref="KubeApiServerOptions.Authorize"/>); null allows all.</param>
    public static async Task<KubeApiServer> StartAsync(
        string repoRoot, string shared, bool failWrites = false, Func<KubeRequestAttributes, bool>? authorize = null)
    {
        var crds = Path.Combine(repoRoot, "deploy", "crds");
        var server = await KubeApiServer.StartAsync(new KubeApiServerOptions
        {
            Load = [Path.Combine(shared, "upstream", "argocd"), Path.Combine(shared, "upstream", "aws-load-balancer-controller"),
                .. Directory.Exists(crds) ? [crds] : global::System.Array.Empty<string>()],
            FailWrites = failWrites,
            Authorize = authorize,
        });
        if (!Directory.Exists(crds))
            foreach (var (kind, plural) in new[] { ("System", "systems"), ("ArgoCDCluster", "argocdclusters"),
                         ("ArgoCDApplicationDeployment", "argocdapplicationdeployments"), ("Check", "checks") })
                server.Apply(StandIn(kind, plural));
        foreach (var ns in new[] { Namespace, ArgoNamespace })
            server.Apply(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } });
        return server;
    }

    public static IKubernetes Client(KubeApiServer server) =>
        new k8s.Kubernetes(new KubernetesClientConfiguration { Host = server.Url });

    /// <summary>A System (from examples/mysystem-v2.yaml, named <paramref name="name"/>) as kubectl apply would store it.</summary>
    public static JsonObject System(string repoRoot, string name, string @namespace = Namespace)
    {
        var o = YamlJson.ReadPath(Path.Combine(repoRoot, "examples", "mysystem-v2.yaml")).Single();
        o["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = @namespace };
        o.Remove("status");
        return o;
    }

    private static JsonObject StandIn(string kind, string plural) => (JsonObject)JsonNode.Parse($$$"""
        {
          "apiVersion": "apiextensions.k8s.io/v1",
          "kind": "CustomResourceDefinition",
          "metadata": {"name": "{{{plural}}}.hotswap.mumoshu.github.io"},
          "spec": {
            "group": "hotswap.mumoshu.github.io",
            "scope": "Namespaced",
            "names": {"kind": "{{{kind}}}", "plural": "{{{plural}}}", "singular": "{{{kind.ToLowerInvariant()}}}", "listKind": "{{{kind}}}List"},
            "versions": [{
              "name": "v1alpha1", "served": true, "storage": true,
              "subresources": {"status": {}},
              "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}
            }]
          }
        }
        """)!;

    /// <summary>
    /// The reference System's three ApplicationSets (web, api, backgroundjobs), each generating
    /// onto the clusters whose secrets carry its myservice-role label, as ArgoCD's stand-in reads them.
    /// </summary>
    public static IEnumerable<JsonObject> ReferenceApplicationSets() =>
        new[] { ("web", "", "web"), ("api", "api", "api"), ("backgroundjobs", "backgroundjobs", "backgroundjobs") }.Select(s => new JsonObject
        {
            ["apiVersion"] = "argoproj.io/v1alpha1",
            ["kind"] = "ApplicationSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = s.Item1, ["namespace"] = ArgoNamespace,
                ["labels"] = s.Item2.Length == 0 ? new JsonObject() : new JsonObject { ["app.kubernetes.io/part-of"] = s.Item2 },
            },
            ["spec"] = JsonNode.Parse(
                "{\"generators\":[{\"clusters\":{\"selector\":{\"matchLabels\":{\"myservice-role\":\"" + s.Item3 + "\"}}}}]," +
                "\"template\":{\"metadata\":{\"name\":\"x\"},\"spec\":{\"project\":\"default\",\"destination\":{\"name\":\"x\"}}}}"),
        });
}
