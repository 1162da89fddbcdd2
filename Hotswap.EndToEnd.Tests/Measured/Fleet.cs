using System.Globalization;
using System.Text.Json.Nodes;

namespace Hotswap.EndToEnd.Tests.Measured;

/// <summary>
/// A fleet of generated Systems for the memory figure: in namespace <see cref="Namespace"/>,
/// System "fleet-NNN" has one EKS cluster of the same name (role: fleet) and
/// <c>applications</c> applications "app-NN", each a membership set on that cluster
/// ("fleet-NNN-app-NN-clusters", label fleet: on) deployed by the ApplicationSet "fleet"; no listener rules
/// (an ALB rule per application would be 2,000 rules in moto) and no checks. Applied, each System
/// adds its cluster to its sets, waits for ArgoCD's stand-in to deploy, and idles Synced.
/// Set names are unique per System: Systems of one namespace that share a set name take each
/// other's clusters out of it (seen with "app-NN-clusters"; reported, not worked around here).
/// </summary>
public static class Fleet
{
    public const string Namespace = "fleet";

    public static string Name(int i) => "fleet-" + i.ToString("D3", CultureInfo.InvariantCulture);

    public static JsonObject System(int i, int applications)
    {
        var apps = new JsonArray();
        for (var a = 0; a < applications; a++)
        {
            var app = "app-" + a.ToString("D2", CultureInfo.InvariantCulture);
            apps.Add(new JsonObject
            {
                ["name"] = app,
                ["clusterSelector"] = new JsonObject { ["role"] = "fleet" },
                ["argocd"] = new JsonObject
                {
                    ["clusterSecret"] = new JsonObject { ["name"] = $"{Name(i)}-{app}-clusters", ["labels"] = new JsonObject { ["fleet"] = "on" } },
                    ["applicationSet"] = new JsonObject { ["name"] = "fleet" },
                    ["updateStrategy"] = new JsonObject { ["type"] = "CreateBeforeDelete" },
                },
            });
        }
        return new JsonObject
        {
            ["apiVersion"] = "hotswap.mumoshu.github.io/v1alpha1",
            ["kind"] = "System",
            ["metadata"] = new JsonObject { ["name"] = Name(i), ["namespace"] = Namespace },
            ["spec"] = new JsonObject
            {
                ["clusters"] = new JsonArray(new JsonObject
                {
                    ["name"] = Name(i),
                    ["eks"] = new JsonObject { ["clusterName"] = Name(i) },
                    ["labels"] = new JsonObject { ["role"] = "fleet" },
                }),
                ["applications"] = apps,
            },
        };
    }

    /// <summary>The ApplicationSet every fleet application names: a cluster generator selecting fleet: on.</summary>
    public static JsonObject ApplicationSet() => new()
    {
        ["apiVersion"] = "argoproj.io/v1alpha1",
        ["kind"] = "ApplicationSet",
        ["metadata"] = new JsonObject { ["name"] = "fleet", ["namespace"] = Hotswap.Testing.ControlPlane.ArgoNamespace },
        ["spec"] = JsonNode.Parse("""
            {"generators":[{"clusters":{"selector":{"matchLabels":{"fleet":"on"}}}}],
             "template":{"metadata":{"name":"x"},"spec":{"project":"default","destination":{"name":"x"}}}}
            """),
    };

    /// <summary>Python for moto: the fleet's EKS clusters.</summary>
    public static string EksClusters(int systems) => $$"""
        import boto3
        eks = boto3.client('eks')
        for i in range({{systems}}):
            eks.create_cluster(name='fleet-%03d' % i, roleArn='arn:aws:iam::123456789012:role/eks', resourcesVpcConfig={'subnetIds': ['subnet-1']})
        """;
}
