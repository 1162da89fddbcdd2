namespace Hotswap.Integration.Tests.Kubernetes;

/// <summary>Named manifests the kubectl tests apply (each in its own namespace).</summary>
internal static class Manifests
{
    public static string Namespace(string ns) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {ns}
        """;

    public static string TargetGroupBinding(string ns, string name, string team = "web", string extraSpec = "") => $"""
        apiVersion: elbv2.k8s.aws/v1beta1
        kind: TargetGroupBinding
        metadata:
          name: {name}
          namespace: {ns}
          labels:
            team: {team}
        spec:
          serviceRef:
            name: {name}-svc
            port: 80
          targetGroupARN: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/{name}/0123456789abcdef
        {extraSpec}
        """;

    public static string Application(string ns, string name) => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          project: default
          source:
            repoURL: https://example.com/apps.git
            path: web
            targetRevision: main
          destination:
            server: https://kubernetes.default.svc
            namespace: web
        """;
}
