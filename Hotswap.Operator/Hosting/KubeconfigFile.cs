using k8s.Exceptions;
using k8s.KubeConfigModels;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Hotswap.Operator.Hosting;

/// <summary>
/// Reads a kubeconfig file into KubernetesClient's model, as its own <c>LoadKubeConfig</c> does,
/// but with a plain YamlDotNet deserializer.
/// </summary>
/// <remarks>
/// KubernetesClient reads kubeconfigs through <c>KubernetesYaml</c>, whose first use builds a map
/// from apiVersion/kind to every model type in the library by loading all 5,900 of its types: some
/// 11 MiB resident in every <c>hotswap run</c> and CLI command started with a kubeconfig, for a
/// file of three lists. The kubeconfig model carries its YAML names (<c>current-context</c>,
/// <c>certificate-authority-data</c>, …) as YamlDotNet attributes, so a deserializer with the same
/// naming convention reads it the same way; relative certificate paths are resolved against the
/// file's folder, as KubernetesClient does, through <see cref="K8SConfiguration.FileName"/>.
/// </remarks>
public static class KubeconfigFile
{
    private static readonly IDeserializer Reader = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>The kubeconfig in <paramref name="file"/>; KubeConfigException when it is missing or empty, YamlException when it is not YAML of that shape.</summary>
    public static K8SConfiguration Read(FileInfo file)
    {
        if (!file.Exists) throw new KubeConfigException($"kubeconfig file not found at {file.FullName}");
        var config = Reader.Deserialize<K8SConfiguration?>(File.ReadAllText(file.FullName))
            ?? throw new KubeConfigException($"kubeconfig file {file.FullName} is empty");
        config.FileName = file.FullName;
        return config;
    }
}
