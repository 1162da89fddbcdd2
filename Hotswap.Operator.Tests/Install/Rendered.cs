using System.Text.Json.Nodes;
using Hotswap.Operator.Install;
using Hotswap.Testing.KubeApi;

namespace Hotswap.Operator.Tests.Install;

/// <summary>The install manifests as JSON objects, and the few objects tests look into.</summary>
public static class Rendered
{
    /// <summary>deploy/ on disk, rendered as <c>hotswap install</c> renders it (no flags).</summary>
    public static IReadOnlyList<JsonObject> Base() => Objects(InstallManifests.Yaml(KustomizeBase.Render(DeployFiles.FromDirectory(RepoFiles.PathOf("deploy")))));

    public static IReadOnlyList<JsonObject> Objects(string yaml) => [.. YamlJson.ReadAll(yaml).Cast<JsonObject>()];

    public static JsonObject One(IEnumerable<JsonObject> objects, string kind, string name) =>
        objects.Single(o => o["kind"]!.GetValue<string>() == kind && o["metadata"]!["name"]!.GetValue<string>() == name);

    public static JsonObject Deployment(IEnumerable<JsonObject> objects) => One(objects, "Deployment", "hotswap");

    public static JsonObject PodSpec(IEnumerable<JsonObject> objects) => (JsonObject)Deployment(objects)["spec"]!["template"]!["spec"]!;

    public static JsonObject Container(IEnumerable<JsonObject> objects) =>
        (JsonObject)PodSpec(objects)["containers"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "operator")!;

    public static string? Namespace(JsonObject o) => o["metadata"]!["namespace"]?.GetValue<string>();

    public static string Id(JsonObject o) => $"{o["kind"]}/{Namespace(o)}/{o["metadata"]!["name"]}";

    public static IEnumerable<string> Strings(JsonNode? array) => array?.AsArray().Select(x => x!.GetValue<string>()) ?? [];
}
