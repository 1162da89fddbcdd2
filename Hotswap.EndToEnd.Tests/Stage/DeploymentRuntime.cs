using System.Globalization;
using System.Text.Json.Nodes;
using Hotswap.Testing.KubeApi;

namespace Hotswap.EndToEnd.Tests.Stage;

/// <summary>
/// What deploy/deployment.yaml gives the operator's container: its .NET runtime settings (the
/// <c>DOTNET_</c> environment variables: garbage collector, JIT), which replicas here run with so
/// their figures are measured as installed, and its memory limit, which the figures are held to.
/// </summary>
public static class DeploymentRuntime
{
    private static readonly JsonNode Container =
        YamlJson.ReadPath(RepoFiles.PathOf("deploy", "deployment.yaml")).Single(o => o["kind"]?.ToString() == "Deployment")
            ["spec"]!["template"]!["spec"]!["containers"]![0]!;

    public static IReadOnlyDictionary<string, string> Environment { get; } = Container["env"]!.AsArray()
        .Where(e => e!["name"]!.ToString().StartsWith("DOTNET_", StringComparison.Ordinal) && e["value"] is not null)
        .ToDictionary(e => e!["name"]!.ToString(), e => e!["value"]!.ToString());

    /// <summary>resources.limits.memory in MiB ("384Mi" → 384).</summary>
    public static double MemoryLimitMiB
    {
        get
        {
            var memory = Container["resources"]!["limits"]!["memory"]!.ToString();
            if (!memory.EndsWith("Mi", StringComparison.Ordinal)) throw new InvalidOperationException($"memory limit {memory}: expected Mi");
            return double.Parse(memory[..^2], CultureInfo.InvariantCulture);
        }
    }
}
