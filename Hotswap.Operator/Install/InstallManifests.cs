using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hotswap.Operator.Install;

/// <summary>
/// The install manifests of deploy/ with an <see cref="InstallSettings"/> applied: the
/// operator's namespace (its Namespace, every object in it, the RBAC subjects that name it), the
/// ArgoCD namespace (the Role and binding there, and <c>--argocd-namespace</c>), the image, and
/// the ServiceAccount's IRSA annotation. The base's own values are read from the base, so the
/// defaults of <c>hotswap install</c> print exactly what <c>kubectl kustomize deploy/</c> prints.
/// </summary>
public static class InstallManifests
{
    public const string RoleArnAnnotation = "eks.amazonaws.com/role-arn";
    public const string ArgoFlag = "--argocd-namespace=";
    public const string OperatorContainer = "operator";

    /// <summary>The base's own settings: its Namespace, the operator container's image and <c>--argocd-namespace</c>.</summary>
    public static InstallSettings Defaults(DeployFiles files) => Defaults(KustomizeBase.Render(files));

    private static InstallSettings Defaults(IReadOnlyList<YamlMappingNode> objects)
    {
        var ns = Name(objects.Single(o => Text(o, "kind") == "Namespace"));
        var container = OperatorContainerOf(objects);
        var argo = Args(container).Select(a => a.Value ?? "").SingleOrDefault(a => a.StartsWith(ArgoFlag, StringComparison.Ordinal))
            ?? throw new InvalidDataException($"deploy/: the {OperatorContainer} container has no {ArgoFlag}NAMESPACE argument");
        return new InstallSettings(ns, Text(container, "image"), argo[ArgoFlag.Length..]);
    }

    /// <summary>
    /// The base rendered (<see cref="KustomizeBase"/>) with <paramref name="settings"/> applied.
    /// Installed into the ArgoCD namespace, the Namespace object is left out: that namespace
    /// exists, and it is not hotswap's to label (Pod Security) or to delete with <c>kubectl delete -f</c>.
    /// </summary>
    public static IReadOnlyList<YamlMappingNode> Render(DeployFiles files, InstallSettings settings)
    {
        var objects = KustomizeBase.Render(files);
        var from = Defaults(objects);
        var kept = settings.Namespace == settings.ArgoNamespace
            ? objects.Where(o => !(Text(o, "kind") == "Namespace" && Name(o) == from.Namespace)).ToList()
            : objects.ToList();
        foreach (var o in kept) Apply(o, from, settings);
        return kept;
    }

    /// <summary>Problems with <paramref name="s"/>, one line each; none when it can be installed.</summary>
    public static IReadOnlyList<string> Problems(InstallSettings s)
    {
        var problems = new List<string>();
        if (!DnsLabel.IsMatch(s.Namespace))
            problems.Add($"--namespace {s.Namespace}: not a namespace name (lower-case letters, digits and '-', at most 63, starting and ending with a letter or digit)");
        if (!DnsLabel.IsMatch(s.ArgoNamespace))
            problems.Add($"--argocd-namespace {s.ArgoNamespace}: not a namespace name (lower-case letters, digits and '-', at most 63, starting and ending with a letter or digit)");
        if (s.Image.Length == 0 || s.Image.Any(char.IsWhiteSpace))
            problems.Add($"--image '{s.Image}': not an image reference (e.g. ghcr.io/mumoshu/hotswap:0.1.0)");
        if (s.RoleArn is { } arn && !RoleArn.IsMatch(arn))
            problems.Add($"--role-arn {arn}: not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)");
        if (s.RoleArn is not null && s.PodIdentity)
            problems.Add("--role-arn and --pod-identity exclude each other: IRSA's annotation would win over Pod Identity's credentials");
        return problems;
    }

    /// <summary>A multi-document YAML stream, as <c>kubectl apply -f -</c> reads it.</summary>
    public static string Yaml(IEnumerable<YamlMappingNode> objects) => string.Join("---\n", objects.Select(Write));

    private static readonly Regex DnsLabel = new("^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant);

    private static readonly Regex RoleArn = new(@"^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]+$", RegexOptions.CultureInvariant);

    private static void Apply(YamlMappingNode o, InstallSettings from, InstallSettings to)
    {
        string Moved(string ns) => ns == from.Namespace ? to.Namespace : ns == from.ArgoNamespace ? to.ArgoNamespace : ns;

        var meta = Map(o, "metadata");
        if (meta is not null && meta.Children.ContainsKey(Key("namespace"))) Set(meta, "namespace", Moved(Text(meta, "namespace")));
        switch (Text(o, "kind"))
        {
            case "Namespace" when Name(o) == from.Namespace:
                Set(meta!, "name", to.Namespace);
                break;
            case "RoleBinding" or "ClusterRoleBinding":
                foreach (var subject in Seq(o, "subjects").OfType<YamlMappingNode>().Where(s => s.Children.ContainsKey(Key("namespace"))))
                    Set(subject, "namespace", Moved(Text(subject, "namespace")));
                break;
            case "ServiceAccount" when Map(meta!, "annotations") is { } notes && notes.Children.ContainsKey(Key(RoleArnAnnotation)):
                if (to.PodIdentity) notes.Children.Remove(Key(RoleArnAnnotation));
                else if (to.RoleArn is { } arn) Set(notes, RoleArnAnnotation, arn);
                break;
            case "Deployment":
                foreach (var container in Containers(o).Where(c => Text(c, "name") == OperatorContainer))
                {
                    Set(container, "image", to.Image);
                    foreach (var arg in Args(container).Where(a => (a.Value ?? "").StartsWith(ArgoFlag, StringComparison.Ordinal)))
                        arg.Value = ArgoFlag + to.ArgoNamespace;
                }
                break;
        }
    }

    private static YamlMappingNode OperatorContainerOf(IEnumerable<YamlMappingNode> objects) =>
        objects.Where(o => Text(o, "kind") == "Deployment").SelectMany(Containers).SingleOrDefault(c => Text(c, "name") == OperatorContainer)
        ?? throw new InvalidDataException($"deploy/: no Deployment with a container named {OperatorContainer}");

    private static IEnumerable<YamlMappingNode> Containers(YamlMappingNode deployment) =>
        Seq(Map(Map(Map(deployment, "spec"), "template"), "spec"), "containers").OfType<YamlMappingNode>();

    private static IEnumerable<YamlScalarNode> Args(YamlMappingNode container) => Seq(container, "args").OfType<YamlScalarNode>();

    private static YamlScalarNode Key(string key) => new(key);

    private static YamlMappingNode? Map(YamlMappingNode? o, string key) =>
        o is not null && o.Children.TryGetValue(Key(key), out var v) ? v as YamlMappingNode : null;

    private static IEnumerable<YamlNode> Seq(YamlMappingNode? o, string key) =>
        o is not null && o.Children.TryGetValue(Key(key), out var v) && v is YamlSequenceNode s ? s.Children : [];

    private static string Text(YamlMappingNode? o, string key) =>
        o is not null && o.Children.TryGetValue(Key(key), out var v) && v is YamlScalarNode s ? s.Value ?? "" : "";

    private static string Name(YamlMappingNode o) => Text(Map(o, "metadata"), "name");

    /// <summary>Quoted, so a value that looks like a number or a boolean ("123") stays a string.</summary>
    private static void Set(YamlMappingNode o, string key, string value)
    {
        if (Text(o, key) == value) return;
        o.Children[Key(key)] = new YamlScalarNode(value) { Style = ScalarStyle.DoubleQuoted };
    }

    private static string Write(YamlMappingNode root)
    {
        var writer = new StringWriter { NewLine = "\n" };
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        // YamlStream ends a document with "..."; documents are separated with "---" instead.
        var text = writer.ToString().Replace("\r\n", "\n");
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }
}
