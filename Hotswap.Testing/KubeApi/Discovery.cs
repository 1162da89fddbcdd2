using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Hotswap.Testing.KubeApi;

/// <summary>
/// What clients read to learn the API: /version, the legacy discovery documents (/api, /apis,
/// /api/v1, /apis/G/V) and OpenAPI v3 (/openapi/v3 and one document per group-version, with the
/// PATCH operations declaring the fieldValidation parameter so kubectl validates on the server).
/// Built-in kinds get an open schema; CRDs publish their own.
/// </summary>
public static class Discovery
{
    public static JsonObject Version() => new()
    {
        ["major"] = "1", ["minor"] = "32", ["gitVersion"] = "v1.32.0-hotswap-test",
        ["gitCommit"] = "0000000000000000000000000000000000000000", ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z", ["goVersion"] = "go1.23", ["compiler"] = "gc", ["platform"] = "linux/amd64",
    };

    public static JsonObject ApiVersions(string hostPort) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = hostPort }),
    };

    private static IEnumerable<IGrouping<string, ResourceType>> Groups(ResourceCatalog catalog) =>
        catalog.All.Where(t => t.Group != "").GroupBy(t => t.Group);

    private static JsonObject Group(IGrouping<string, ResourceType> g)
    {
        var versions = g.Select(t => t.Version).Distinct().ToList();
        JsonObject Gv(string v) => new() { ["groupVersion"] = $"{g.Key}/{v}", ["version"] = v };
        return new JsonObject
        {
            ["name"] = g.Key,
            ["versions"] = new JsonArray(versions.Select(v => (JsonNode)Gv(v)).ToArray()),
            ["preferredVersion"] = Gv(versions[0]),
        };
    }

    public static JsonObject GroupList(ResourceCatalog catalog) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(Groups(catalog).Select(g => (JsonNode)Group(g)).ToArray()),
    };

    public static JsonObject? ApiGroup(ResourceCatalog catalog, string group)
    {
        var g = Groups(catalog).FirstOrDefault(x => x.Key == group);
        if (g is null) return null;
        var doc = Group(g);
        doc["kind"] = "APIGroup";
        doc["apiVersion"] = "v1";
        return doc;
    }

    public static JsonObject? ResourceList(ResourceCatalog catalog, string group, string version)
    {
        var types = catalog.All.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0) return null;
        var resources = new JsonArray();
        foreach (var t in types)
        {
            var r = new JsonObject
            {
                ["name"] = t.Plural, ["singularName"] = t.Singular, ["namespaced"] = t.Namespaced, ["kind"] = t.Kind,
                ["verbs"] = new JsonArray("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"),
            };
            if (t.ShortNames.Count > 0) r["shortNames"] = new JsonArray(t.ShortNames.Select(s => (JsonNode)s).ToArray());
            if (t.Categories.Count > 0) r["categories"] = new JsonArray(t.Categories.Select(s => (JsonNode)s).ToArray());
            resources.Add(r);
            if (t.HasStatus)
                resources.Add(new JsonObject
                {
                    ["name"] = $"{t.Plural}/status", ["singularName"] = "", ["namespaced"] = t.Namespaced, ["kind"] = t.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = types[0].GroupVersion, ["resources"] = resources,
        };
    }

    /// <summary>/openapi/v3: one entry per group-version, its URL carrying a hash of the document.</summary>
    public static JsonObject OpenApiRoot(ResourceCatalog catalog)
    {
        var paths = new JsonObject();
        foreach (var gv in catalog.All.Select(t => (t.Group, t.Version)).Distinct())
        {
            var key = gv.Group == "" ? $"api/{gv.Version}" : $"apis/{gv.Group}/{gv.Version}";
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(OpenApiDocument(catalog, gv.Group, gv.Version)!.ToJsonString())));
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={hash}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The OpenAPI v3 document of one group-version.</summary>
    public static JsonObject? OpenApiDocument(ResourceCatalog catalog, string group, string version)
    {
        var types = catalog.All.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0) return null;
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var t in types)
        {
            var gvk = new JsonObject { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind };
            var schema = (JsonObject)(t.Schema?.DeepClone() ?? new JsonObject
            {
                ["type"] = "object",
                ["description"] = $"{t.Kind} (the test API server does not publish the built-in kinds' fields)",
                ["x-kubernetes-preserve-unknown-fields"] = true,
            });
            schema["x-kubernetes-group-version-kind"] = new JsonArray(gvk.DeepClone());
            schemas[SchemaName(t)] = schema;
            var item = t.CollectionPath(t.Namespaced ? "{namespace}" : null) + "/{name}";
            paths[item] = new JsonObject
            {
                ["get"] = Operation(t, "get", gvk, []),
                ["put"] = Operation(t, "put", gvk, ["dryRun", "fieldManager", "fieldValidation"]),
                ["patch"] = Operation(t, "patch", gvk, ["dryRun", "fieldManager", "fieldValidation", "force"]),
                ["delete"] = Operation(t, "delete", gvk, ["dryRun", "propagationPolicy"]),
            };
            if (t.HasStatus)
                paths[item + "/status"] = new JsonObject
                {
                    ["get"] = Operation(t, "get", gvk, []),
                    ["patch"] = Operation(t, "patch", gvk, ["dryRun", "fieldManager", "fieldValidation", "force"]),
                };
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static JsonObject Operation(ResourceType t, string action, JsonObject gvk, string[] parameters) => new()
    {
        ["operationId"] = $"{action}{t.Kind}",
        ["x-kubernetes-action"] = action,
        ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
        ["parameters"] = new JsonArray(parameters.Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
        }).ToArray()),
        ["responses"] = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = "OK",
                ["content"] = new JsonObject
                {
                    ["application/json"] = new JsonObject
                    {
                        ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{SchemaName(t)}" },
                    },
                },
            },
        },
    };

    /// <summary>"io.k8s.api.core.v1.Secret", "io.github.mumoshu.hotswap.v1alpha1.System".</summary>
    public static string SchemaName(ResourceType t)
    {
        if (t.IsCustom) return string.Join('.', t.Group.Split('.').Reverse()) + $".{t.Version}.{t.Kind}";
        var g = t.Group switch
        {
            "" => "core",
            "apiextensions.k8s.io" => "apiextensions",
            var x => x.Replace(".k8s.io", "", StringComparison.Ordinal),
        };
        return t.Group == "apiextensions.k8s.io"
            ? $"io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.{t.Version}.{t.Kind}"
            : $"io.k8s.api.{g}.{t.Version}.{t.Kind}";
    }
}
