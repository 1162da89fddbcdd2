using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using System.Globalization;
using Hotswap.Core.Templates;
using LanguageExt.UnsafeValueAccess;

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
    public Seq<string> Old { get; } = Except(Members, Desired);
    public Seq<string> Added { get; } = Except(Desired, Members);
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
        // Runs for every application in every decision: loops over arrays rather than sequence
        // pipelines, each value computed once.
        var world = index.World;
        var clusters = clusterIndex.Matching(app.ClusterSelector);
        var n = clusters.Count;
        var secrets = new string[n];
        var resolutions = new Either<string, string>[n];
        var i = 0;
        foreach (var c in clusters)
        {
            secrets[i] = Naming.ClusterSecret(system.Name, c.Name);
            if (app.Alb.IsSome) resolutions[i] = TargetGroupsOf(app.Alb.ValueUnsafe(), c, world);
            i++;
        }
        var desired = toSeq(secrets);
        var members = index.Members(app.ArgoCd.ClusterSecret.Name);
        var tgs = app.Alb.IsSome
            ? secrets.Zip(resolutions).ToHashMap()
            : HashMap<string, Either<string, string>>();
        var arns = new string[n];
        var allResolved = true;
        for (i = 0; i < n; i++)
        {
            var known = app.Alb.IsSome && resolutions[i].IsRight;
            allResolved &= known;
            arns[i] = known ? resolutions[i].IfLeft("") : "";
        }
        var rule = app.Alb.Bind(a => world.Rules.Find(new RuleKey(a.ListenerArn, a.Priority)));
        // The hash of "name|strategy|secrets|target groups|rule", fed piece by piece.
        var hash = new Hashing.Fnv().Add(app.Name).Add('|').Add(app.ArgoCd.UpdateStrategy.ToString()).Add('|');
        for (i = 0; i < n; i++) hash = (i > 0 ? hash.Add(',') : hash).Add(secrets[i]);
        hash = hash.Add('|');
        for (i = 0; i < n; i++) hash = (i > 0 ? hash.Add(',') : hash).Add(app.Alb.IsNone ? "-" : resolutions[i].IsRight ? arns[i] : "?");
        var computed = hash.Add('|')
            .Add(app.Alb.Match(a => $"{a.ListenerArn}#{a.Priority}/{a.StepWeight}/{a.TotalWeight}", () => "no-alb")).Hex();
        var entry = recorded.TryGetValue(app.Name, out var p) ? Some(p) : None;
        // A workload cluster that could not be read does not change where the migration goes.
        var target = Unobserved(app, clusters, world) ? entry.Map(e => e.Target).IfNone(computed) : computed;
        var previous = entry.Filter(e => e.Target == target);
        var resolved = allResolved ? Some(toSeq(arns.Distinct().ToArray())) : None;
        var final = app.Alb.Bind(alb => resolved.Map(r => Evenly(alb.TotalWeight, r)));
        var shifts = app.Alb.Exists(a => a.TargetGroup is not TargetGroupSource.SharedArn);
        var converged = members == desired && (!shifts || rule.Exists(r => final.Exists(f => f == r.Forward)));
        var deployed = world.Deployments.Find(Naming.Deployment(system.Name, app.Name))
            .Map(d => d.Status.Deployed).IfNone(Seq<string>());
        var handled = entry.Bind(e => e.RequestsHandledAt);
        return new ApplicationContext(
            system.Name, app, index, desired, members, tgs, rule,
            world.Revision.Bind(r => r.Applications.Find(app.Name)),
            world.Revision.Map(r => r.Number).IfNone(0),
            previous,
            CheckSet(system, app, clusters, tgs),
            target, resolved, final, converged, UsedClusters(system, clusterIndex, clusters, members, desired), deployed)
        {
            Requests = world.Controls.Pending(app.Name, handled),
            RequestsHandledAt = handled,
            Paused = world.Controls.IsPaused(app.Name),
        };
    }

    /// <summary>All traffic on the target groups, split evenly in their order.</summary>
    private static ForwardConfig Evenly(int total, Seq<string> arns)
    {
        var weights = new int[arns.Count];
        global::System.Array.Fill(weights, 1);
        var split = Apportionment.Parts(total, weights);
        var groups = new TargetGroupWeight[weights.Length];
        var i = 0;
        foreach (var arn in arns) { groups[i] = new TargetGroupWeight(arn, split[i]); i++; }
        return ForwardConfig.Of(groups);
    }

    /// <summary>The desired clusters, then the members still in the spec that are not desired.</summary>
    private static Seq<ClusterSpec> UsedClusters(
        SystemSpec system, ClusterIndex clusterIndex, Seq<ClusterSpec> clusters, Seq<string> members, Seq<string> desired)
    {
        var prefix = system.Name + "-";
        List<ClusterSpec>? used = null;
        foreach (var m in members)
        {
            if (desired.Contains(m) || !m.StartsWith(prefix, StringComparison.Ordinal)) continue;
            foreach (var k in clusterIndex.Named(m[prefix.Length..]))
                (used ??= new List<ClusterSpec>(clusters)).Add(k);
        }
        return used is null ? clusters : toSeq(used);
    }

    /// <summary>The items not in <paramref name="excluded"/>, in order.</summary>
    private static Seq<string> Except(Seq<string> items, Seq<string> excluded)
    {
        List<string>? kept = null;
        var i = 0;
        foreach (var item in items)
        {
            if (excluded.Contains(item)) kept ??= new List<string>(items.Take(i));
            else kept?.Add(item);
            i++;
        }
        return kept is null ? items : toSeq(kept);
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
        SystemSpec system, ApplicationSpec app, Seq<ClusterSpec> clusters, HashMap<string, Either<string, string>> tgs)
    {
        if (app.Checks.IsEmpty) return Seq<CheckObjectSpec>();
        var specs = new List<CheckObjectSpec>(app.Checks.Count);
        var rendered = new (string Cluster, string Query)[clusters.Count];
        foreach (var check in app.Checks)
        {
            var template = check.Analysis.Query;
            var i = 0;
            var shared = true;
            foreach (var c in clusters)
            {
                var query = template.Contains("{{", StringComparison.Ordinal)
                    ? QueryTemplate.Render(template, Vars(system, app, c, tgs))
                    : template;
                rendered[i] = (c.Name, query);
                shared &= query == rendered[0].Query;
                i++;
            }
            if (shared)
                specs.Add(CheckSpecFor(system, app, check, None, rendered.Length > 0 ? rendered[0].Query : template));
            else
                foreach (var (cluster, query) in rendered)
                    specs.Add(CheckSpecFor(system, app, check, Some(cluster), query));
        }
        return toSeq(specs);
    }

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
