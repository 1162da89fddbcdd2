using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using System.Globalization;
using Hotswap.Core.Templates;

namespace Hotswap.Core.Planning;

/// <summary>
/// Everything observed about one application, gathered once per reconcile so the stage machine
/// reads plain fields (Argo Rollouts' rolloutContext, in spirit).
/// </summary>
/// <param name="System">System name.</param>
/// <param name="Spec">The application's spec.</param>
/// <param name="Index">The whole snapshot with its look-ups, for what the fields below do not cover.</param>
/// <param name="Desired">Secret names of the spec clusters the selector matches, sorted.</param>
/// <param name="Members">Secret names currently in the membership set, sorted.</param>
/// <param name="TargetGroups">Per desired secret name: its target group ARN or why it is unknown.</param>
/// <param name="Rule">The observed listener rule, when the application has alb.</param>
/// <param name="Revision">This application's entry in the saved revision.</param>
/// <param name="RevisionNumber">The saved revision's number, for messages.</param>
/// <param name="Previous">Last recorded status, only when it is about the same target.</param>
/// <param name="Checks">Check objects the application should have, active (unsuspended).</param>
/// <param name="Target">Hash of where this migration goes: desired members and target groups.</param>
/// <param name="ResolvedNew">Desired clusters' target group ARNs in cluster-name order, if all are known.</param>
/// <param name="FinalForward">All traffic on the desired target groups, when every one of them is known.</param>
/// <param name="IsConverged">Membership and traffic are as the spec says.</param>
/// <param name="Used">Spec clusters the application uses now: the desired ones and the members still in the spec.</param>
/// <param name="Deployed">
/// Members its ArgoCDApplicationDeployment reports Deployed (status.deployed): the child's planner
/// is the one place that derives it, so the System reads it rather than deriving it again.
/// </param>
public sealed record ApplicationContext(
    string System,
    ApplicationSpec Spec,
    WorldIndex Index,
    Seq<string> Desired,
    Seq<string> Members,
    HashMap<string, Either<string, string>> TargetGroups,
    Option<ListenerRule> Rule,
    Option<ApplicationRevision> Revision,
    int RevisionNumber,
    Option<ApplicationStatus> Previous,
    Seq<CheckObjectSpec> Checks,
    string Target,
    Option<Seq<string>> ResolvedNew,
    Option<ForwardConfig> FinalForward,
    bool IsConverged,
    Seq<ClusterSpec> Used,
    Seq<string> Deployed)
{
    public World World => Index.World;
    public Seq<string> Old { get; } = Members.Filter(m => !Desired.Contains(m)).Strict();
    public Seq<string> Added { get; } = Desired.Filter(d => !Members.Contains(d)).Strict();
    public string Set => Spec.ArgoCd.ClusterSecret.Name;

    /// <summary>Manual requests (abort, retry, promote) made after <see cref="RequestsHandledAt"/>, oldest first.</summary>
    public Seq<Controls.ControlRequest> Requests { get; init; }

    /// <summary>When the last request for this application was handled, whatever the target (see ApplicationStatus).</summary>
    public Option<DateTimeOffset> RequestsHandledAt { get; init; }

    /// <summary>The System's pause annotation names this application (or every one).</summary>
    public bool Paused { get; init; }

    /// <summary>True when weights move step by step (alb with a per-cluster target group).</summary>
    public bool ShiftsWeights { get; } = Spec.Alb.Exists(a => a.TargetGroup is not TargetGroupSource.SharedArn);

    /// <summary>Whether the ArgoCDApplicationDeployment reports the member Deployed.</summary>
    public bool IsDeployed(string member) => Deployed.Contains(member);

    /// <summary>
    /// Why the member is not Deployed, or None when its ArgoCDApplicationDeployment says it is.
    /// The decision is the child's status; the words come from the same ArgoCD objects it read.
    /// </summary>
    public Option<string> NotDeployedReason(string member) =>
        IsDeployed(member)
            ? None
            : Some(Deployments.NotDeployedReason(Spec.ArgoCd.ApplicationSet, member, Index)
                .IfNone($"not reported Deployed by argocdapplicationdeployment/{Naming.Deployment(System, Spec.Name)} yet"));

    /// <summary>Why a cluster the application uses is not ready (its ArgoCDCluster's status.ready), or None.</summary>
    public Option<string> NotReadyReason(ClusterSpec cluster) =>
        ReadinessGate.NotReadyReason(System, cluster, World);

    public static ApplicationContext Build(SystemSpec system, ApplicationSpec app, World world, SystemStatus status) =>
        Build(system, new ClusterIndex(system.Clusters), app, WorldIndex.Of(world), ByName(status));

    /// <summary>The recorded application statuses by name (the first, should a name repeat).</summary>
    public static IReadOnlyDictionary<string, ApplicationStatus> ByName(SystemStatus status)
    {
        var byName = new Dictionary<string, ApplicationStatus>(StringComparer.Ordinal);
        foreach (var a in status.Applications) byName.TryAdd(a.Name, a);
        return byName;
    }

    public static ApplicationContext Build(
        SystemSpec system, ClusterIndex clusterIndex, ApplicationSpec app, WorldIndex index,
        IReadOnlyDictionary<string, ApplicationStatus> recorded)
    {
        var world = index.World;
        var clusters = clusterIndex.Matching(app.ClusterSelector);
        var desired = clusters.Map(c => Naming.ClusterSecret(system.Name, c.Name)).Strict();
        var members = index.Members(app.ArgoCd.ClusterSecret.Name);
        var tgs = app.Alb.Match(
            alb => clusters.Map(c => (Naming.ClusterSecret(system.Name, c.Name), TargetGroupsOf(alb, c, world))).ToHashMap(),
            () => HashMap<string, Either<string, string>>());
        var rule = app.Alb.Bind(a => world.Rules.Find(new RuleKey(a.ListenerArn, a.Priority)));
        var computed = Hashing.Of(string.Join("|",
            app.Name, app.ArgoCd.UpdateStrategy, string.Join(",", desired),
            string.Join(",", desired.Map(d => tgs.Find(d).Match(e => e.Match(r => r, l => "?"), () => "-"))),
            app.Alb.Match(a => $"{a.ListenerArn}#{a.Priority}/{a.StepWeight}/{a.TotalWeight}", () => "no-alb")));
        var entry = recorded.TryGetValue(app.Name, out var p) ? Some(p) : None;
        // A workload cluster that could not be read does not change where the migration goes.
        var target = Unobserved(app, clusters, world) ? entry.Map(e => e.Target).IfNone(computed) : computed;
        var previous = entry.Filter(e => e.Target == target);
        var resolved = desired.ForAll(d => tgs.Find(d).Exists(e => e.IsRight))
            ? Some(desired.Map(d => tgs.Find(d).Bind(e => e.ToOption()).IfNone("")).Distinct().ToSeq().Strict())
            : None;
        var final = app.Alb.Bind(alb => resolved.Map(arns => ForwardConfig.Of(
            arns.Zip(Apportionment.Split(alb.TotalWeight, arns.Map(_ => 1))).Map(p => new TargetGroupWeight(p.Item1, p.Item2)))));
        var shifts = app.Alb.Exists(a => a.TargetGroup is not TargetGroupSource.SharedArn);
        var converged = members == desired && (!shifts || rule.Exists(r => final.Exists(f => f == r.Forward)));
        var prefix = system.Name + "-";
        var used = clusters + members
            .Filter(m => !desired.Contains(m) && m.StartsWith(prefix, StringComparison.Ordinal))
            .Choose(m => clusterIndex.Named(m[prefix.Length..]));
        var deployed = world.Deployments.Find(Naming.Deployment(system.Name, app.Name))
            .Map(d => d.Status.Deployed).IfNone(Seq<string>());
        var handled = entry.Bind(e => e.RequestsHandledAt);
        return new ApplicationContext(
            system.Name, app, index, desired, members, tgs, rule,
            world.Revision.Bind(r => r.Applications.Find(app.Name)),
            world.Revision.Map(r => r.Number).IfNone(0),
            previous,
            CheckSet(system, app, clusters, tgs),
            target, resolved, final, converged, used.Strict(), deployed)
        {
            Requests = world.Controls.Pending(app.Name, handled),
            RequestsHandledAt = handled,
            Paused = world.Controls.IsPaused(app.Name),
        };
    }

    private static bool Unobserved(ApplicationSpec app, Seq<ClusterSpec> clusters, World world) =>
        app.Alb.Exists(a => a.TargetGroup is TargetGroupSource.FromBindingSelector)
        && clusters.Exists(c => world.Unreadable.ContainsKey(World.BindingsKey(c.Name)));

    private static Either<string, string> TargetGroupsOf(AlbSpec alb, ClusterSpec cluster, World world) =>
        Planning.TargetGroups.Resolve(alb.TargetGroup, cluster, world);

    /// <summary>
    /// The application's Check objects: one per check when the rendered query is the same for
    /// every desired cluster, else one per check and cluster. Built active; the System planner
    /// suspends them when the application is not moving traffic.
    /// </summary>
    public static Seq<CheckObjectSpec> CheckSet(
        SystemSpec system, ApplicationSpec app, Seq<ClusterSpec> clusters, HashMap<string, Either<string, string>> tgs) =>
        app.Checks.Bind(check =>
        {
            var rendered = clusters.Map(c => (Cluster: c.Name, Query: QueryTemplate.Render(check.Analysis.Query, Vars(system, app, c, tgs))));
            var shared = rendered.Map(r => r.Query).Distinct().Count() <= 1;
            return shared
                ? Seq1(CheckSpecFor(system, app, check, None, rendered.HeadOrNone().Map(r => r.Query).IfNone(check.Analysis.Query)))
                : rendered.Map(r => CheckSpecFor(system, app, check, Some(r.Cluster), r.Query));
        });

    private static Func<string, Option<string>> Vars(
        SystemSpec system, ApplicationSpec app, ClusterSpec cluster, HashMap<string, Either<string, string>> tgs) =>
        name => name switch
        {
            "systemName" => Some(system.Name),
            "applicationName" => Some(app.Name),
            "clusterName" => Some(cluster.Name),
            "eksClusterName" => Some(cluster.Eks.ClusterName),
            "albListenerARN" => Some(app.Alb.Map(a => a.ListenerArn).IfNone("")),
            "targetGroupARN" => Some(tgs.Find(Naming.ClusterSecret(system.Name, cluster.Name)).Bind(e => e.ToOption()).IfNone("")),
            _ => None,
        };

    private static CheckObjectSpec CheckSpecFor(SystemSpec system, ApplicationSpec app, CheckSpec check, Option<string> cluster, string query)
    {
        var a = check.Analysis;
        var hash = Hashing.Of(string.Join("|", query, a.Min.Map(m => m.ToString("R", CultureInfo.InvariantCulture)).IfNone("-"),
            a.Max.Map(m => m.ToString("R", CultureInfo.InvariantCulture)).IfNone("-"), a.Interval.Ticks, a.Provider, a.FailureLimit, a.InconclusiveLimit));
        return new CheckObjectSpec(
            Naming.Check(system.Name, app.Name, check.Name, cluster), system.Name, app.Name, check.Name, cluster,
            query, a.Min, a.Max, a.Interval, a.Provider, a.FailureLimit, a.InconclusiveLimit, false, hash);
    }
}
