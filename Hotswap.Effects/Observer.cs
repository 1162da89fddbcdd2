using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects;

/// <summary>
/// Reads the ports into a <see cref="World"/>: for a System, everything its planner takes (one
/// DescribeRules pass per listener following NextMarker, DescribeCluster for the clusters it
/// names); for a child, only what that child's planner takes. Rule echoes are normalised so a
/// converged rule compares equal.
/// <para>
/// Observation is partial where the planners can hold on what is missing: an EKS cluster whose
/// DescribeCluster failed (after the retries) and a workload cluster whose TargetGroupBindings
/// could not be listed go into <see cref="World.Unreadable"/> with the reason, and the rest is read.
/// The control-plane cluster and the listener rules are read whole or not at all: a World without
/// a rule that exists would mislead the planners.
/// </para>
/// </summary>
public sealed class Observer(PortSet ports, PortCalls calls)
{
    /// <summary>The System's observation, or the first failure that makes it unusable.</summary>
    public Task<Either<PortException, Observation>> ObserveAsync(SystemSpec spec) => Guard(() => ReadAsync(spec));

    /// <summary>One ArgoCDCluster with its EKS cluster and its secret; None when the object is gone.</summary>
    public Task<Either<PortException, Option<ChildObservation<ArgoCDClusterSpec, ArgoCDClusterStatus>>>> ObserveArgoCDClusterAsync(string name) =>
        Guard(async () =>
        {
            calls.Read("k8s.GetArgoCDCluster");
            var found = await Kube.ArgoCDClusters.GetAsync(name);
            if (found.IsNone) return Option<ChildObservation<ArgoCDClusterSpec, ArgoCDClusterStatus>>.None;
            var o = found.IfNone(() => throw new InvalidOperationException());
            var unreadable = HashMap<string, string>();
            var eks = HashMap<string, EksCluster>();
            try
            {
                calls.Read("eks.DescribeCluster");
                eks = eks.Add(o.Spec.EksClusterName, ToEksCluster(await ports.Eks.DescribeClusterAsync(o.Spec.EksClusterName)));
            }
            catch (PortException e) when (e.Kind != PortErrorKind.NotFound)
            {
                unreadable = unreadable.Add(World.EksKey(o.Spec.EksClusterName), $"DescribeCluster failed: {e.Kind}: {e.Message}");
            }
            catch (PortException)
            {
                // Not found: the planner says so.
            }
            var secret = await SecretAsync(name);
            return Some(new ChildObservation<ArgoCDClusterSpec, ArgoCDClusterStatus>(o, World.Empty with
            {
                EksClusters = eks,
                ClusterSecrets = secret.Map(s => (s.Name, s)).ToHashMap(),
                ArgoCDClusters = HashMap((o.Name, new ArgoCDClusterObject(o.Spec, o.Status))),
                Unreadable = unreadable,
                Lifecycle = await LifecycleAsync(o.Spec.System),
            }));
        });

    /// <summary>The owning System's finalizer and deletion (so the secret is not rewritten while the System deletes it); None when it is gone.</summary>
    private async Task<Option<SystemLifecycle>> LifecycleAsync(string system)
    {
        calls.Read("k8s.GetSystem");
        try
        {
            var s = await Kube.GetSystemAsync(system);
            return Some(new SystemLifecycle(s.Finalizers.Exists(f => f == SystemFinalizer.Name), s.DeletionTimestamp));
        }
        catch (PortException e) when (e.Kind == PortErrorKind.NotFound)
        {
            return None;
        }
    }

    /// <summary>One ArgoCDApplicationDeployment with the secrets, ApplicationSets, Applications and sibling deployments it converges against.</summary>
    public Task<Either<PortException, Option<ChildObservation<ApplicationDeploymentSpec, ApplicationDeploymentStatus>>>> ObserveApplicationDeploymentAsync(string name) =>
        Guard(async () =>
        {
            calls.Read("k8s.GetApplicationDeployment");
            var found = await Kube.ApplicationDeployments.GetAsync(name);
            if (found.IsNone) return Option<ChildObservation<ApplicationDeploymentSpec, ApplicationDeploymentStatus>>.None;
            var o = found.IfNone(() => throw new InvalidOperationException());
            // Only this System's secrets: another System in the namespace may use the same
            // membership set name, and its members are not this one's to remove.
            calls.Read("k8s.ListSecrets");
            var secrets = (await Kube.ListClusterSecretsAsync())
                .Filter(s => s.Labels.Find(WellKnown.ManagedByLabel).Exists(v => v == WellKnown.ManagedBy)
                    && s.Labels.Find(WellKnown.SystemLabel).Exists(v => v == o.Spec.System))
                .Map(ToClusterSecret);
            calls.Read("k8s.ListApplicationSets");
            var appSets = await Kube.ListApplicationSetsAsync();
            calls.Read("k8s.ListApplications");
            var apps = await Kube.ListApplicationsAsync();
            var siblings = await ListAsync("k8s.ListApplicationDeployments", Kube.ApplicationDeployments, o.Spec.System);
            return Some(new ChildObservation<ApplicationDeploymentSpec, ApplicationDeploymentStatus>(o, World.Empty with
            {
                ClusterSecrets = secrets.Map(s => (s.Name, s)).ToHashMap(),
                ApplicationSets = appSets,
                Applications = apps,
                Deployments = (siblings.Filter(s => s.Name != o.Name) + Seq1(o))
                    .Map(d => (d.Name, new ApplicationDeploymentObject(d.Spec, d.Status))).ToHashMap(),
            }));
        });

    /// <summary>One Check: its planner needs nothing else.</summary>
    public Task<Either<PortException, Option<ChildObservation<CheckObjectSpec, CheckStatus>>>> ObserveCheckAsync(string name) =>
        Guard(async () =>
        {
            calls.Read("k8s.GetCheck");
            var found = await Kube.Checks.GetAsync(name);
            return found.Map(o => new ChildObservation<CheckObjectSpec, CheckStatus>(o, World.Empty with
            {
                Checks = HashMap((o.Name, new CheckObject(o.Spec, o.Status))),
            }));
        });

    private static async Task<Either<PortException, T>> Guard<T>(Func<Task<T>> read)
    {
        try
        {
            return Right<PortException, T>(await read());
        }
        catch (PortException e)
        {
            return Left<PortException, T>(e);
        }
    }

    private async Task<Option<ClusterSecret>> SecretAsync(string name)
    {
        calls.Read("k8s.GetSecret");
        try
        {
            return Some(ToClusterSecret(await Kube.GetSecretAsync(name)));
        }
        catch (PortException e) when (e.Kind == PortErrorKind.NotFound)
        {
            return None;
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
        var (eks, eksUnreadable) = await EksClustersAsync(eksNames.Distinct().ToSeq());
        calls.Read("k8s.ListRevisions");
        var revisions = await Kube.ListRevisionsAsync(spec.Name);
        // The last saved revision's members too: a secret whose ArgoCDCluster was deleted before a
        // crash kept the System from deleting the secret is found, and deleted, by name.
        var saved = revisions.OrderBy(r => r.Number).ToSeq().LastOrNone()
            .Map(r => r.Applications.Values.ToSeq().Bind(a => a.Members)).IfNone(Seq<string>());
        var secretNames = toSet(spec.Clusters.Map(c => Naming.ClusterSecret(spec.Name, c.Name)) + clusters.Map(c => c.Name) + saved);
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
        var (rules, rawRules) = await RulesAsync(spec);
        var (bindings, bindingsUnreadable) = await BindingsAsync(spec, eks);
        var world = new World(
            eks,
            secrets.Map(s => (s.Name, s)).ToHashMap(),
            appSets,
            apps,
            rules,
            bindings,
            jobs.Map(j => (j.Name, new JobState(j.Name, j.Phase, j.Message,
                j.Labels.Find(WellKnown.ApplicationLabel).IfNone(""), j.Created))).ToHashMap(),
            revisions.OrderBy(r => r.Number).ToSeq().LastOrNone(),
            clusters.Map(o => (o.Name, new ArgoCDClusterObject(o.Spec, o.Status))).ToHashMap(),
            deployments.Map(o => (o.Name, new ApplicationDeploymentObject(o.Spec, o.Status))).ToHashMap(),
            checks.Map(o => (o.Name, new CheckObject(o.Spec, o.Status))).ToHashMap(),
            system.Status,
            Unreadable: eksUnreadable + bindingsUnreadable);
        world = world with
        {
            HealthyTargets = await HealthyTargetsAsync(spec, world),
            Lifecycle = Some(new SystemLifecycle(system.Finalizers.Exists(f => f == SystemFinalizer.Name), system.DeletionTimestamp)),
            Controls = Core.Controls.ManualControls.FromAnnotations(system.Annotations),
        };
        var versions = clusters.Map(o => ($"argocdcluster/{o.Name}", o.ResourceVersion))
            + deployments.Map(o => ($"argocdapplicationdeployment/{o.Name}", o.ResourceVersion))
            + checks.Map(o => ($"check/{o.Name}", o.ResourceVersion));
        return new Observation(world, system.ResourceVersion, versions.ToHashMap()) { Rules = rawRules };
    }

    private async Task<Seq<StoredObject<TSpec, TStatus>>> ListAsync<TSpec, TStatus>(
        string operation, IChildObjects<TSpec, TStatus> objects, string system)
    {
        calls.Read(operation);
        return await objects.ListAsync(system);
    }

    /// <summary>
    /// DescribeCluster for each wanted name: NotFound leaves it out (the planners say "not found"),
    /// any other failure (after the retries) marks it unreadable with the reason.
    /// </summary>
    private async Task<(HashMap<string, EksCluster>, HashMap<string, string>)> EksClustersAsync(Seq<string> wanted)
    {
        var result = HashMap<string, EksCluster>();
        var unreadable = HashMap<string, string>();
        foreach (var name in wanted)
        {
            calls.Read("eks.DescribeCluster");
            try
            {
                result = result.AddOrUpdate(name, ToEksCluster(await ports.Eks.DescribeClusterAsync(name)));
            }
            catch (PortException e) when (e.Kind != PortErrorKind.NotFound)
            {
                unreadable = unreadable.AddOrUpdate(World.EksKey(name), $"DescribeCluster failed: {e.Kind}: {e.Message}");
            }
            catch (PortException)
            {
                // Not found: left out.
            }
        }
        return (result, unreadable);
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
    private async Task<(HashMap<RuleKey, ListenerRule>, HashMap<string, RuleDescription>)> RulesAsync(SystemSpec spec)
    {
        var albs = spec.Applications.Choose(a => a.Alb);
        var result = HashMap<RuleKey, ListenerRule>();
        var raw = HashMap<string, RuleDescription>();
        foreach (var listener in albs.Map(a => a.ListenerArn).Distinct())
        {
            var rules = Seq<RuleDescription>();
            var marker = Option<string>.None;
            do
            {
                calls.Read("elbv2.DescribeRules");
                DescribeRulesPage page;
                try
                {
                    page = await ports.LoadBalancer.DescribeRulesAsync(listener, marker);
                }
                catch (PortException e) when (e.Kind == PortErrorKind.NotFound)
                {
                    // No such listener: it has no rules, which is what the planners then say
                    // ("listener rule … not found"); every other failure leaves the world unread.
                    break;
                }
                rules = rules + page.Rules;
                marker = page.NextMarker;
            } while (marker.IsSome);
            foreach (var alb in albs.Filter(a => a.ListenerArn == listener))
            {
                var key = new RuleKey(listener, alb.Priority);
                foreach (var rule in rules.Find(r => !r.IsDefault && r.Priority == alb.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                {
                    result = result.AddOrUpdate(key, new ListenerRule(key, rule.RuleArn, Normalise(rule.Actions, alb.TotalWeight)));
                    raw = raw.AddOrUpdate(rule.RuleArn, rule);
                }
            }
        }
        return (result, raw);
    }

    /// <summary>
    /// DescribeTargetHealth for the target groups the planner's health gate looks at: each
    /// application's new target groups that carry no weight in its rule yet. None at steady state
    /// and none once the first weight moved.
    /// </summary>
    private async Task<HashMap<string, int>> HealthyTargetsAsync(SystemSpec spec, World world)
    {
        var wanted = spec.Applications.Bind(app => app.Alb.Filter(a => a.MinHealthyTargets > 0 && a.TargetGroup is not TargetGroupSource.SharedArn)
            .ToSeq().Bind(alb => world.Rules.Find(new RuleKey(alb.ListenerArn, alb.Priority)).ToSeq().Bind(rule =>
            {
                var carrying = rule.Forward.TargetGroups.Filter(t => t.Weight > 0).Map(t => t.Arn);
                return spec.Clusters.Filter(c => app.ClusterSelector.Matches(c.Labels))
                    .Choose(c => TargetGroups.Resolve(alb.TargetGroup, c, world).ToOption())
                    .Filter(arn => !carrying.Contains(arn));
            }))).Distinct().OrderBy(a => a, StringComparer.Ordinal);
        var result = HashMap<string, int>();
        foreach (var arn in wanted)
        {
            calls.Read("elbv2.DescribeTargetHealth");
            var targets = await ports.LoadBalancer.DescribeTargetHealthAsync(arn);
            result = result.AddOrUpdate(arn, targets.Count(t => t.IsHealthy));
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

    /// <summary>
    /// TargetGroupBindings, only when an application takes its ARNs from them, only from ready
    /// clusters; a workload cluster whose API cannot be reached is marked unreadable with the reason.
    /// </summary>
    private async Task<(Seq<TargetGroupBinding>, HashMap<string, string>)> BindingsAsync(SystemSpec spec, HashMap<string, EksCluster> eks)
    {
        var result = Seq<TargetGroupBinding>();
        var unreadable = HashMap<string, string>();
        if (!spec.Applications.Exists(a => a.Alb.Exists(x => x.TargetGroup is TargetGroupSource.FromBindingSelector)))
            return (result, unreadable);
        foreach (var cluster in spec.Clusters.Filter(c => eks.Find(c.Eks.ClusterName).Exists(e => e.IsReady)))
        {
            calls.Read("k8s.ListTargetGroupBindings");
            try
            {
                result = result + await Kube.ListTargetGroupBindingsAsync(cluster.Name, cluster.Eks.ClusterName);
            }
            catch (PortException e)
            {
                unreadable = unreadable.AddOrUpdate(World.BindingsKey(cluster.Name), $"{e.Kind}: {e.Message}");
            }
        }
        return (result, unreadable);
    }
}
