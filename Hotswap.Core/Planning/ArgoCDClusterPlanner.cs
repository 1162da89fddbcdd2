using System.Text;
using System.Text.Json;
using Hotswap.Core.Children;
using Hotswap.Core.Observed;

namespace Hotswap.Core.Planning;

/// <summary>
/// ArgoCDCluster's reconcile: once EKS says ACTIVE with endpoint and CA, write the ArgoCD cluster
/// secret (data name, server, config) and report ready. Membership labels are not its business.
/// </summary>
public static class ArgoCDClusterPlanner
{
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);

    public static Decision<ArgoCDClusterStatus> Plan(ArgoCDClusterSpec spec, World world, ArgoCDClusterStatus status, DateTimeOffset now) =>
        world.Lifecycle.Exists(l => l.IsBeingDeleted)
            // The System is deleting this secret; writing it again would undo that.
            ? new(Seq<Command>(), status with { Ready = false, Message = "the System is being deleted" }, None)
            : world.EksClusters.Find(spec.EksClusterName).Match(
            eks => eks.IsReady ? Ready(spec, world, eks) : Waiting(
                "Provisioning",
                $"EKS cluster {eks.Name} is {eks.State.ToString().ToUpperInvariant()}; waiting for ACTIVE with endpoint and CA",
                eks.Endpoint),
            () => Waiting("NotFound", $"EKS cluster {spec.EksClusterName} not found", None));

    private static Decision<ArgoCDClusterStatus> Waiting(string phase, string message, Option<string> endpoint) =>
        new(Seq<Command>(), new ArgoCDClusterStatus(phase, false, message, endpoint), Some(Recheck));

    private static Decision<ArgoCDClusterStatus> Ready(ArgoCDClusterSpec spec, World world, EksCluster eks)
    {
        var server = eks.Endpoint.IfNone("");
        var config = Config(spec, eks.CertificateAuthority.IfNone(""));
        var written = world.ClusterSecrets.Find(spec.Name).Exists(s => s.Server == server && s.Config == config);
        return written
            ? new(Seq<Command>(), new ArgoCDClusterStatus("Ready", true, $"secret {spec.Name} points at {server}", Some(server)), None)
            : new(Seq1<Command>(new Command.WriteClusterSecret(spec.Name, spec.Name, server, config)),
                new ArgoCDClusterStatus("Writing", false, $"writing secret {spec.Name} for {server}", Some(server)), Some(TimeSpan.Zero));
    }

    /// <summary>The secret's data.config: ArgoCD's cluster config for EKS, keys in a fixed order.</summary>
    public static string Config(ArgoCDClusterSpec spec, string caData)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("awsAuthConfig");
            json.WriteString("clusterName", spec.EksClusterName);
            spec.RoleArn.Iter(r => json.WriteString("roleARN", r));
            json.WriteEndObject();
            json.WriteStartObject("tlsClientConfig");
            json.WriteString("caData", caData);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
