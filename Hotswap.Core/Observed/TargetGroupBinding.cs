using LanguageExt;

namespace Hotswap.Core.Observed;

/// <summary>A TargetGroupBinding (elbv2.k8s.aws) seen inside one workload cluster.</summary>
/// <param name="Cluster">The System's cluster name the binding lives in.</param>
/// <param name="Name">namespace/name of the binding.</param>
/// <param name="Labels">metadata.labels, matched by targetGroupBindingSelector.</param>
/// <param name="TargetGroupArn">spec.targetGroupARN.</param>
public sealed record TargetGroupBinding(
    string Cluster,
    string Name,
    Map<string, string> Labels,
    string TargetGroupArn);
