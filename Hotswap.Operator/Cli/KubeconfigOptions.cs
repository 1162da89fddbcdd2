using System.CommandLine;
using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;

namespace Hotswap.Operator.Cli;

/// <summary>
/// The options of every command that talks to the control-plane cluster, resolved as kubectl
/// resolves them: <c>--kubeconfig FILE</c> (default: the files in <c>$KUBECONFIG</c>, merged, else
/// <c>~/.kube/config</c>), <c>--context</c> (default: the current one) and <c>-n/--namespace</c>
/// (default: the context's namespace, else <c>default</c>). One instance per command: System.CommandLine
/// options belong to one command.
/// </summary>
public sealed class KubeconfigOptions
{
    public System.CommandLine.Option<FileInfo?> Kubeconfig { get; } = new("--kubeconfig")
    {
        Description = "kubeconfig of the control-plane cluster (default: $KUBECONFIG, else ~/.kube/config)",
    };

    public System.CommandLine.Option<string?> Context { get; } = new("--context")
    {
        Description = "kubeconfig context (default: the current one)",
    };

    public System.CommandLine.Option<string?> Namespace { get; } = new("--namespace", "-n")
    {
        Description = "The System's namespace (default: the context's namespace, else default)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Kubeconfig);
        command.Options.Add(Context);
        command.Options.Add(Namespace);
    }

    /// <summary>Whether <c>--kubeconfig</c> was given on the command line (plan uses it to pick its live form).</summary>
    public bool KubeconfigGiven(ParseResult result) => result.GetValue(Kubeconfig) is not null;

    /// <summary>The cluster and namespace to use, or why there is none.</summary>
    public KubeTarget Resolve(ParseResult result)
    {
        var files = Files(result.GetValue(Kubeconfig));
        var context = result.GetValue(Context);
        if (files.Count == 0)
            throw new CliFailure(
                "no kubeconfig: --kubeconfig was not given, $KUBECONFIG is not set and ~/.kube/config does not exist");
        KubernetesClientConfiguration config;
        try
        {
            var merged = Merge(files.Select(Hosting.KubeconfigFile.Read).ToList());
            config = KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, context);
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException
                                      or YamlDotNet.Core.YamlException or ArgumentException)
        {
            throw new CliFailure($"{string.Join(Path.PathSeparator, files.Select(f => f.FullName))}: cannot use the kubeconfig: {e.Message}");
        }
        var ns = result.GetValue(Namespace) is { Length: > 0 } given ? given
            : config.Namespace is { Length: > 0 } fromContext ? fromContext
            : "default";
        return new KubeTarget(config, ns, string.Join(Path.PathSeparator, files.Select(f => f.FullName)));
    }

    /// <summary>
    /// $KUBECONFIG's files as kubectl merges them: the first file to name a cluster, user or
    /// context wins, and so does the first current-context.
    /// </summary>
    private static K8SConfiguration Merge(IReadOnlyList<K8SConfiguration> configs)
    {
        if (configs.Count == 1) return configs[0];
        static List<T> First<T>(IEnumerable<T> items, Func<T, string> name) =>
            items.GroupBy(name).Select(g => g.First()).ToList();
        return new K8SConfiguration
        {
            ApiVersion = configs[0].ApiVersion,
            Kind = configs[0].Kind,
            CurrentContext = configs.Select(c => c.CurrentContext).FirstOrDefault(c => !string.IsNullOrEmpty(c)),
            Clusters = First(configs.SelectMany(c => c.Clusters ?? []), x => x.Name),
            Users = First(configs.SelectMany(c => c.Users ?? []), x => x.Name),
            Contexts = First(configs.SelectMany(c => c.Contexts ?? []), x => x.Name),
        };
    }

    /// <summary>The given file; else $KUBECONFIG's files that exist; else ~/.kube/config if it exists.</summary>
    private static List<FileInfo> Files(FileInfo? given)
    {
        if (given is not null) return [given];
        var fromEnvironment = (Environment.GetEnvironmentVariable("KUBECONFIG") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => new FileInfo(p)).Where(f => f.Exists).ToList();
        if (fromEnvironment.Count > 0) return fromEnvironment;
        var home = new FileInfo(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config"));
        return home.Exists ? [home] : [];
    }
}
