using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects;

/// <summary>
/// Reads the ports into one <see cref="World"/> for one System: one DescribeRules pass per
/// listener (following NextMarker), ListClusters following NextToken, DescribeCluster for the
/// clusters the System names. Rule echoes are normalised so a converged rule compares equal.
/// </summary>
public sealed class Observer(PortSet ports, PortCalls calls)
{
    /// <summary>The observation, or the first port failure.</summary>
    public async Task<Either<PortException, Observation>> ObserveAsync(SystemSpec spec)
    {
        try
        {
            return Right<PortException, Observation>(await ReadAsync(spec));
        }
        catch (PortException e)
        {
            return Left<PortException, Observation>(e);
        }
    }

    private IKubernetesObjects Kube => ports.Kubernetes;

    private async Task<Observation> ReadAsync(SystemSpec spec)
    {
        calls.Read("k8s.GetSystem");
        var system = await Kube.GetSystemAsync(spec.Name);
        var clusters = await ListAsync("k8s.ListArgoCDClusters", Kube.ArgoCDClusters, spec.Name);
        var deployments = await ListAsync("k8s.ListApplicationDeployments", Kube.ApplicationDeployments, spec.Name);
        var checks = await ListAsync("k8s.ListChecks", Kube.Checks, spec.Name);
        var eksNames = spec.Clusters.Map(c => c.Eks.ClusterName) + clusters.Map(c => c.Spec.EksClusterName);
        var eks = await EksClustersAsync(eksNames.Distinct().ToSeq());
        var secretNames = toSet(spec.Clusters.Map(c => Naming.ClusterSecret(spec.Name, c.Name)) + clusters.Map(c => c.Name));
        calls.Read("k8s.ListSecrets");
        var secrets = (await Kube.ListClusterSecretsAsync())
            .Filter(s => s.Labels.Find(WellKnown.ManagedByLabel).Exists(v => v == WellKnown.ManagedBy) && secretNames.Contains(s.Name))
            .Map(ToClusterSecret);
        calls.Read("k8s.ListApplicationSets");
        var appSets = await Kube.ListApplicationSetsAsync();
        calls.Read("k8s.ListApplications");
        var apps = await Kube.ListApplicationsAsync();
        calls.Read("k8s.ListJobs");
        var jobs = await Kube.ListJobsAsync(Map((WellKnown.SystemLabel, spec.Name)));
        calls.Read("k8s.ListRevisions");
        var revisions = await Kube.ListRevisionsAsync(spec.Name);
        var rules = await RulesAsync(spec);
        var bindings = await BindingsAsync(spec, eks);
        var world = new World(
            eks,
            secrets.Map(s => (s.Name, s)).ToHashMap(),
            appSets,
            apps,
            rules,
            bindings,
            jobs.Map(j => (j.Name, new JobState(j.Name, j.Phase, j.Message))).ToHashMap(),
            revisions.OrderBy(r => r.Number).ToSeq().LastOrNone(),
            clusters.Map(o => (o.Name, new ArgoCDClusterObject(o.Spec, o.Status))).ToHashMap(),
            deployments.Map(o => (o.Name, new ApplicationDeploymentObject(o.Spec, o.Status))).ToHashMap(),
            checks.Map(o => (o.Name, new CheckObject(o.Spec, o.Status))).ToHashMap(),
            system.Status,
            Some(new SystemLifecycle(system.Finalizers.Exists(f => f == SystemFinalizer.Name), system.DeletionTimestamp)));
        var versions = clusters.Map(o => ($"argocdcluster/{o.Name}", o.ResourceVersion))
            + deployments.Map(o => ($"argocdapplicationdeployment/{o.Name}", o.ResourceVersion))
            + checks.Map(o => ($"check/{o.Name}", o.ResourceVersion));
        return new Observation(world, system.ResourceVersion, versions.ToHashMap());
    }

    private async Task<Seq<StoredObject<TSpec, TStatus>>> ListAsync<TSpec, TStatus>(
        string operation, IChildObjects<TSpec, TStatus> objects, string system)
    {
        calls.Read(operation);
        return await objects.ListAsync(system);
    }

    /// <summary>ListClusters to the last page, then DescribeCluster for the wanted names that exist.</summary>
    private async Task<HashMap<string, EksCluster>> EksClustersAsync(Seq<string> wanted)
    {
        var existing = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        var token = Option<string>.None;
        do
        {
            calls.Read("eks.ListClusters");
            var page = await ports.Eks.ListClustersAsync(token);
            existing.UnionWith(page.Clusters);
            token = page.NextToken;
        } while (token.IsSome);
        var result = HashMap<string, EksCluster>();
        foreach (var name in wanted.Filter(existing.Contains))
        {
            calls.Read("eks.DescribeCluster");
            var d = await ports.Eks.DescribeClusterAsync(name);
            result = result.AddOrUpdate(name, ToEksCluster(d));
        }
        return result;
    }

    public static EksCluster ToEksCluster(EksClusterDescription d) =>
        new(d.Name,
            Enum.TryParse<EksClusterState>(d.Status, ignoreCase: true, out var state) ? state : EksClusterState.Pending,
            d.Endpoint.Filter(e => e.Length > 0),
            d.CertificateAuthorityData.Filter(c => c.Length > 0),
            Some(d.Arn).Filter(a => a.Length > 0));

    public static ClusterSecret ToClusterSecret(SecretObject s) =>
        new(s.Name,
            s.Data.Find("server").IfNone(""),
            s.Data.Find("config").IfNone(""),
            s.Labels,
            WellKnown.ParseMemberships(s.Annotations));

    /// <summary>One DescribeRules pass per listener the System's applications use, following NextMarker.</summary>
    private async Task<HashMap<RuleKey, ListenerRule>> RulesAsync(SystemSpec spec)
    {
        var albs = spec.Applications.Choose(a => a.Alb);
        var result = HashMap<RuleKey, ListenerRule>();
        foreach (var listener in albs.Map(a => a.ListenerArn).Distinct())
        {
            var rules = Seq<RuleDescription>();
            var marker = Option<string>.None;
            do
            {
                calls.Read("elbv2.DescribeRules");
                var page = await ports.LoadBalancer.DescribeRulesAsync(listener, marker);
                rules = rules + page.Rules;
                marker = page.NextMarker;
            } while (marker.IsSome);
            foreach (var alb in albs.Filter(a => a.ListenerArn == listener))
            {
                var key = new RuleKey(listener, alb.Priority);
                foreach (var rule in rules.Find(r => !r.IsDefault && r.Priority == alb.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                    result = result.AddOrUpdate(key, new ListenerRule(key, rule.RuleArn, Normalise(rule.Actions, alb.TotalWeight)));
            }
        }
        return result;
    }

    /// <summary>
    /// The forward action as Core's <see cref="ForwardConfig"/>. AWS echoes a one-target-group
    /// forward as TargetGroupArn plus a ForwardConfig with weight 1 and default stickiness; one
    /// target group takes all the traffic whatever its weight, so it normalises to
    /// <paramref name="totalWeight"/>: [(arn, 1)] → [(arn, 100)] for totalWeight 100.
    /// </summary>
    public static ForwardConfig Normalise(Seq<RuleAction> actions, int totalWeight)
    {
        var forward = actions.Find(a => string.Equals(a.Type, "forward", StringComparison.OrdinalIgnoreCase));
        var tuples = forward.Map(f => f.ForwardConfig.Map(c => c.TargetGroups).Filter(t => !t.IsEmpty)
                .IfNone(() => f.TargetGroupArn.Map(arn => Seq1(new TargetGroupTuple(arn, None))).IfNone(Seq<TargetGroupTuple>())))
            .IfNone(Seq<TargetGroupTuple>());
        var arns = tuples.Map(t => t.TargetGroupArn).Distinct().ToSeq();
        return arns.Count == 1
            ? ForwardConfig.Of([new TargetGroupWeight(arns.Head, totalWeight)])
            : ForwardConfig.Of(tuples.Map(t => new TargetGroupWeight(t.TargetGroupArn, t.Weight.IfNone(1))));
    }

    /// <summary>TargetGroupBindings, only when an application takes its ARNs from them, only from ready clusters.</summary>
    private async Task<Seq<TargetGroupBinding>> BindingsAsync(SystemSpec spec, HashMap<string, EksCluster> eks)
    {
        if (!spec.Applications.Exists(a => a.Alb.Exists(x => x.TargetGroup is TargetGroupSource.FromBindingSelector)))
            return Seq<TargetGroupBinding>();
        var result = Seq<TargetGroupBinding>();
        foreach (var cluster in spec.Clusters.Filter(c => eks.Find(c.Eks.ClusterName).Exists(e => e.IsReady)))
        {
            calls.Read("k8s.ListTargetGroupBindings");
            result = result + await Kube.ListTargetGroupBindingsAsync(cluster.Name, cluster.Eks.ClusterName);
        }
        return result;
    }
}
