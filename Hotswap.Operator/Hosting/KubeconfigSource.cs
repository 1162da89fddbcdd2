using k8s;
using k8s.Exceptions;

namespace Hotswap.Operator.Hosting;

/// <summary>
/// Where the control-plane cluster's credentials come from: a kubeconfig file (of a $KUBECONFIG
/// list, the first that exists), or the pod's service account when running in the cluster.
/// </summary>
/// <param name="Files">Kubeconfig files; empty when <paramref name="InCluster"/>.</param>
/// <param name="InCluster">Use the service account token and KUBERNETES_SERVICE_HOST.</param>
/// <param name="Origin">What chose it, for messages: "--kubeconfig", "$KUBECONFIG", "in-cluster", "~/.kube/config".</param>
public sealed record KubeconfigSource(IReadOnlyList<string> Files, bool InCluster, string Origin)
{
    /// <summary>--kubeconfig, else $KUBECONFIG, else in-cluster when KUBERNETES_SERVICE_HOST is set, else ~/.kube/config.</summary>
    public static KubeconfigSource Choose(string? flag, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(flag)) return new([flag], false, RunFlags.Kubeconfig.Name);
        if (environment("KUBECONFIG") is { Length: > 0 } list)
            return new(list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries), false, "$KUBECONFIG");
        if (environment("KUBERNETES_SERVICE_HOST") is { Length: > 0 }) return new([], true, "in-cluster");
        var home = environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new([Path.Combine(home, ".kube", "config")], false, "~/.kube/config");
    }

    /// <summary>The client configuration, or <paramref name="error"/>: one line naming the file and what is wrong with it.</summary>
    public KubernetesClientConfiguration? Load(string? context, out string? error)
    {
        error = null;
        try
        {
            if (InCluster) return KubernetesClientConfiguration.InClusterConfig();
            // Of a $KUBECONFIG list, the first file that exists is used (KubernetesClient does not merge them).
            var file = Files.FirstOrDefault(File.Exists);
            if (file is null)
            {
                error = $"{RunFlags.Kubeconfig.Name}: cannot read {string.Join(Path.PathSeparator, Files)} (from {Origin}): no such file";
                return null;
            }
            return KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigFile.Read(new FileInfo(file)), context);
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException
            or YamlDotNet.Core.YamlException or FormatException or ArgumentException)
        {
            var where = InCluster ? "the in-cluster service account" : string.Join(Path.PathSeparator, Files);
            error = $"{RunFlags.Kubeconfig.Name}: cannot use {where} (from {Origin}): {OneLine(e.Message)}";
            return null;
        }
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();
}
