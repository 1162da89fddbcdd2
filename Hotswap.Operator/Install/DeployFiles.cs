using System.Reflection;

namespace Hotswap.Operator.Install;

/// <summary>
/// The files of the repository's deploy/ folder, by path relative to it ("rbac/argocd-role.yaml").
/// The build embeds them in the executable (Hotswap.Operator.csproj), so <c>hotswap install</c>
/// prints what <c>kubectl apply -k deploy/</c> applies without a checkout; tests read the folder
/// itself to prove the two are the same.
/// </summary>
public sealed class DeployFiles(IReadOnlyDictionary<string, string> files)
{
    /// <summary>The prefix of the embedded resources' names.</summary>
    public const string ResourcePrefix = "deploy/";

    public IReadOnlyDictionary<string, string> Files => files;

    /// <summary>The copy embedded at build time.</summary>
    public static DeployFiles Embedded()
    {
        var assembly = typeof(DeployFiles).Assembly;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            // RecursiveDir carries the build machine's separator.
            var name = resource.Replace('\\', '/');
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal)) continue;
            files[name[ResourcePrefix.Length..]] = Read(assembly, resource);
        }
        if (files.Count == 0)
            throw new InvalidOperationException($"{assembly.GetName().Name} embeds no deploy/ files; it was built without them");
        return new DeployFiles(files);
    }

    /// <summary>A deploy/ folder on disk.</summary>
    public static DeployFiles FromDirectory(string root) => new(
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal));

    public string? Read(string path) => files.TryGetValue(path, out var text) ? text : null;

    public bool IsDirectory(string path) =>
        path.Length == 0 || files.Keys.Any(f => f.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal));

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
