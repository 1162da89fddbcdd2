using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hotswap.Operator.Install;

/// <summary>
/// Renders a kustomization the way <c>kubectl kustomize</c> does, for the one feature deploy/
/// uses: <c>resources</c> (files of manifests, and folders with their own kustomization), in
/// kustomize's default ("legacy") order. Any other field is refused rather than ignored, so a
/// base that grows a transformer fails here — and in the test that compares this with kubectl —
/// instead of printing something else than kustomize would.
/// </summary>
public static class KustomizeBase
{
    /// <summary>The names kustomize looks for in a folder, in its order.</summary>
    public static readonly string[] KustomizationNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    private static readonly HashSet<string> Understood = ["apiVersion", "kind", "resources"];

    /// <summary>Every object of the kustomization in <paramref name="dir"/> ("" for the top), sorted as kustomize sorts.</summary>
    public static IReadOnlyList<YamlMappingNode> Render(DeployFiles files, string dir = "")
    {
        var objects = Collect(files, dir);
        var duplicate = objects.GroupBy(KustomizeOrder.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidDataException($"deploy/{dir}: {duplicate.Key} is declared twice; kustomize refuses a resource it has already registered");
        return [.. objects.Order(KustomizeOrder.Comparer)];
    }

    private static List<YamlMappingNode> Collect(DeployFiles files, string dir)
    {
        var (path, kustomization) = Find(files, dir);
        var root = Parse(path, kustomization).SingleOrDefault()
            ?? throw new InvalidDataException($"deploy/{path} is empty");
        var unknown = root.Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? "").Where(k => !Understood.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new InvalidDataException(
                $"deploy/{path}: {string.Join(", ", unknown)} is not supported by hotswap install (only resources is); " +
                "teach Hotswap.Operator/Install/KustomizeBase.cs the field or leave it out of the base");
        var resources = root.Children.TryGetValue(new YamlScalarNode("resources"), out var r) && r is YamlSequenceNode list
            ? list.Children.Select(c => ((YamlScalarNode)c).Value ?? "")
            : [];
        var objects = new List<YamlMappingNode>();
        foreach (var resource in resources)
        {
            if (resource.Contains("://", StringComparison.Ordinal) || resource.StartsWith('/'))
                throw new InvalidDataException($"deploy/{path}: resource {resource} is not a file or folder inside deploy/");
            var target = Join(dir, resource);
            if (files.Read(target) is { } text) objects.AddRange(Parse(target, text));
            else if (files.IsDirectory(target)) objects.AddRange(Collect(files, target));
            else throw new InvalidDataException($"deploy/{path}: resource {resource} does not exist");
        }
        return objects;
    }

    private static (string Path, string Text) Find(DeployFiles files, string dir)
    {
        foreach (var name in KustomizationNames)
        {
            var path = Join(dir, name);
            if (files.Read(path) is { } text) return (path, text);
        }
        throw new InvalidDataException($"deploy/{dir}: no {string.Join(", ", KustomizationNames)}");
    }

    private static IEnumerable<YamlMappingNode> Parse(string path, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"deploy/{path}: {e.Message}", e);
        }
        foreach (var document in stream.Documents)
            yield return document.RootNode as YamlMappingNode
                ?? throw new InvalidDataException($"deploy/{path}: a document is not a mapping");
    }

    /// <summary>"rbac" + "../crds" → "crds".</summary>
    private static string Join(string dir, string relative)
    {
        var parts = new List<string>();
        foreach (var part in (dir.Length > 0 ? $"{dir}/{relative}" : relative).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) throw new InvalidDataException($"deploy/{dir}: {relative} leaves deploy/");
                parts.RemoveAt(parts.Count - 1);
            }
            else parts.Add(part);
        }
        return string.Join('/', parts);
    }
}
