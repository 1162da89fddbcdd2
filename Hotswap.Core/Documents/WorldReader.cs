using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using YamlDotNet.RepresentationModel;

namespace Hotswap.Core.Documents;

/// <summary>
/// Reads a world file's root mapping into a <see cref="World"/>, field names and defaults as
/// <see cref="DocumentShapes"/> writes them. Errors are collected, not thrown.
/// </summary>
internal static class WorldReader
{
    public static readonly string[] TopLevel =
    [
        "eksClusters", "clusterSecrets", "applicationSets", "applications", "rules",
        "targetGroupBindings", "jobs", "revision", "argocdClusters", "deployments", "checks",
        "systemStatus", "lifecycle", "controls",
    ];

    private static readonly Scalar<EksClusterState> EksState = Scalars.Choice<EksClusterState>(DocumentShapes.EksState);
    private static readonly Scalar<JobPhase> JobPhases = Scalars.Choice<JobPhase>(p => p.ToString());
    private static readonly Scalar<UpdateStrategyType> Strategies = Scalars.Choice<UpdateStrategyType>(p => p.ToString());
    private static readonly Scalar<MetricProvider> Providers = Scalars.Choice<MetricProvider>(DocumentShapes.Provider);
    private static readonly Scalar<MeasurementOutcome> Outcomes = Scalars.Choice<MeasurementOutcome>(p => p.ToString());
    private static readonly Scalar<SystemPhase> SystemPhases = Scalars.Choice<SystemPhase>(p => p.ToString());
    private static readonly Scalar<ApplicationPhase> ApplicationPhases = Scalars.Choice<ApplicationPhase>(p => p.ToString());

    public static World Read(MappingReader r) => Fields(r) with
    {
        Controls = Controls.ManualControls.FromAnnotations(r.Labels("controls")),
    };

    private static World Fields(MappingReader r) => new(
        Keyed(r, r.Objects("eksClusters", ["name", "state", "endpoint", "certificateAuthority", "arn"], EksCluster), c => c.Name),
        Keyed(r, r.Objects("clusterSecrets", ["name", "server", "config", "labels", "memberships"], ClusterSecret), s => s.Name),
        r.Objects("applicationSets", ["name", "labels", "clusterSelector", "preserveResourcesOnDeletion"], ApplicationSet).Map(l => l.Value),
        r.Objects("applications", ["name", "applicationSet", "destination", "sync", "health"], Application).Map(l => l.Value),
        Keyed(r, r.Objects("rules", ["listenerARN", "priority", "ruleARN", "forward"], Rule), x => x.Key),
        r.Objects("targetGroupBindings", ["cluster", "name", "labels", "targetGroupARN"], Binding).Map(l => l.Value),
        Keyed(r, r.Objects("jobs", ["name", "phase", "message", "application", "created"], Job), j => j.Name),
        r.Nested("revision", "number", "specHash", "applications").Map(Revision),
        Keyed(r, r.Objects("argocdClusters", ["spec", "status"], ArgoCDCluster), o => o.Spec.Name),
        Keyed(r, r.Objects("deployments", ["spec", "status"], Deployment), o => o.Spec.Name),
        Keyed(r, r.Objects("checks", ["spec", "status"], Check), o => o.Spec.Name),
        r.Nested("systemStatus", "observedGeneration", "phase", "message", "progress", "conditions",
            "applications", "waitingForClustersSince", "lastFailure").Map(SystemStatus),
        Lifecycle: r.Nested("lifecycle", "finalizer", "deletionRequestedAt").Map(l => new SystemLifecycle(
            l.Default("finalizer", Scalars.Bool, false),
            l.Optional("deletionRequestedAt", Scalars.Time))));

    /// <summary>Items keyed by name; a second item with the same key is a <c>duplicate</c> error.</summary>
    private static HashMap<K, T> Keyed<K, T>(MappingReader r, Seq<Located<T>> items, Func<T, K> key) =>
        items.Fold(HashMap<K, T>(), (map, item) =>
        {
            if (!map.ContainsKey(key(item.Value))) return map.Add(key(item.Value), item.Value);
            r.Errors.Add(new SpecError("duplicate", item.Path, $"duplicate entry {key(item.Value)}", item.Line));
            return map;
        });

    private static EksCluster EksCluster(MappingReader r) => new(
        r.Required("name"),
        r.Default("state", EksState, EksClusterState.Active),
        r.Optional("endpoint"),
        r.Optional("certificateAuthority"),
        r.Optional("arn"));

    private static ClusterSecret ClusterSecret(MappingReader r) => new(
        r.Required("name"),
        r.Required("server"),
        r.Default("config", ""),
        r.Labels("labels"),
        toSet(r.Strings("memberships")));

    private static ApplicationSetState ApplicationSet(MappingReader r) => new(
        r.Required("name"),
        r.Labels("labels"),
        r.Labels("clusterSelector"),
        r.Default("preserveResourcesOnDeletion", Scalars.Bool, false));

    private static ArgoApplication Application(MappingReader r) => new(
        r.Required("name"),
        r.Required("applicationSet"),
        r.Required("destination"),
        r.Required("sync"),
        r.Required("health"));

    private static ListenerRule Rule(MappingReader r) => new(
        new RuleKey(r.Required("listenerARN"), r.Required("priority", Scalars.Int, 0)),
        r.Required("ruleARN"),
        Forward(r, "forward").IfNone(ForwardConfig.Empty));

    /// <summary>A list of {targetGroupARN, weight}; None when the key is absent.</summary>
    private static Option<ForwardConfig> Forward(MappingReader r, string key) =>
        r.Node(key).Map(_ => ForwardConfig.Of(
            r.Objects(key, ["targetGroupARN", "weight"], t => new TargetGroupWeight(
                t.Required("targetGroupARN"),
                t.Required("weight", Scalars.Int, 0))).Map(l => l.Value)));

    private static TargetGroupBinding Binding(MappingReader r) => new(
        r.Required("cluster"),
        r.Required("name"),
        r.Labels("labels"),
        r.Required("targetGroupARN"));

    private static JobState Job(MappingReader r) => new(
        r.Required("name"),
        r.Required("phase", JobPhases, JobPhase.Running),
        r.Default("message", ""),
        r.Default("application", ""),
        r.Optional("created", Scalars.Time));

    private static Revision Revision(MappingReader r) => new(
        r.Required("number", Scalars.Int, 0),
        r.Required("specHash"),
        toHashMap(r.Entries("applications").Bind(e => ApplicationRevision(r, e.Key, e.Value)
            .Map(a => (e.Key, a)).ToSeq())));

    private static Option<ApplicationRevision> ApplicationRevision(MappingReader r, string name, YamlNode node) =>
        MappingReader.IsNull(node)
            ? new ApplicationRevision(Seq<string>(), None)
            : r.Mapping(node, $"{r.At("applications")}.{name}", "members", "forward")
                .Map(a => new ApplicationRevision(a.Strings("members"), Forward(a, "forward")));

    private static ArgoCDClusterObject ArgoCDCluster(MappingReader r) => new(
        Spec(r, ["name", "system", "cluster", "eksClusterName", "roleARN", "requireReady", "readyTimeout", "labels"],
            s =>
            {
                var (name, system, cluster) = (s.Required("name"), s.Required("system"), s.Required("cluster"));
                return new ArgoCDClusterSpec(
                    name,
                    system,
                    cluster,
                    s.Default("eksClusterName", cluster),
                    s.Optional("roleARN"),
                    s.Default("requireReady", Scalars.Bool, true),
                    s.Optional("readyTimeout", Scalars.Duration),
                    s.Labels("labels"));
            },
            new ArgoCDClusterSpec("", "", "", "", None, true, None, default)),
        r.Nested("status", ["phase", "ready", "message", "endpoint", .. CommonStatus]).Match(
            s => new ArgoCDClusterStatus(
                s.Required("phase"),
                s.Default("ready", Scalars.Bool, false),
                s.Default("message", ""),
                s.Optional("endpoint"),
                s.Default("observedGeneration", Scalars.Long, 0L),
                Conditions(s),
                LastFailure(s)),
            () => ArgoCDClusterStatus.Initial));

    /// <summary>A child's required spec mapping; placeholder (error recorded) when missing.</summary>
    private static T Spec<T>(MappingReader r, string[] known, Func<MappingReader, T> read, T placeholder)
    {
        if (r.Node("spec").IsNone)
            r.Errors.Add(new SpecError("missing-field", r.At("spec"), "\"spec\" is required", r.Line));
        return r.Nested("spec", known).Map(read).IfNone(placeholder);
    }

    private static ApplicationDeploymentObject Deployment(MappingReader r) => new(
        Spec(r, ["name", "system", "application", "clusterNames", "clusterSecret", "applicationSet", "updateStrategy"],
            s => new ApplicationDeploymentSpec(
                s.Required("name"),
                s.Required("system"),
                s.Required("application"),
                s.Strings("clusterNames"),
                s.Nested("clusterSecret", "name", "labels")
                    .Map(c => new ClusterSecretSpec(c.Required("name"), c.Labels("labels")))
                    .IfNone(() => Missing(s, "clusterSecret", new ClusterSecretSpec("", default))),
                s.Nested("applicationSet", "name", "selector")
                    .Map(a => new ApplicationSetRef(a.Optional("name"), a.Selector("selector")))
                    .IfNone(new ApplicationSetRef(None, LabelSelector.Everything)),
                s.Default("updateStrategy", Strategies, UpdateStrategyType.CreateBeforeDelete)),
            new ApplicationDeploymentSpec("", "", "", default, new ClusterSecretSpec("", default),
                new ApplicationSetRef(None, LabelSelector.Everything), UpdateStrategyType.CreateBeforeDelete)),
        r.Nested("status", ["phase", "message", "members", "deployed", .. CommonStatus]).Match(
            s => new ApplicationDeploymentStatus(
                s.Required("phase"),
                s.Default("message", ""),
                s.Strings("members"),
                s.Strings("deployed"),
                s.Default("observedGeneration", Scalars.Long, 0L),
                Conditions(s),
                LastFailure(s)),
            () => ApplicationDeploymentStatus.Initial));

    private static T Missing<T>(MappingReader r, string key, T placeholder)
    {
        if (r.Node(key).IsNone)
            r.Errors.Add(new SpecError("missing-field", r.At(key), $"\"{key}\" is required", r.Line));
        return placeholder;
    }

    private static CheckObject Check(MappingReader r) => new(
        Spec(r, ["name", "system", "application", "check", "cluster", "query", "min", "max", "interval",
                "provider", "failureLimit", "inconclusiveLimit", "suspended", "analysisHash", "notBefore"],
            s => new CheckObjectSpec(
                s.Required("name"),
                s.Required("system"),
                s.Required("application"),
                s.Required("check"),
                s.Optional("cluster"),
                s.Required("query"),
                s.Optional("min", Scalars.Double),
                s.Optional("max", Scalars.Double),
                s.Default("interval", Scalars.Duration, AnalysisSpec.DefaultInterval),
                s.Default("provider", Providers, MetricProvider.Datadog),
                s.Default("failureLimit", Scalars.Int, AnalysisSpec.DefaultFailureLimit),
                s.Default("inconclusiveLimit", Scalars.Int, AnalysisSpec.DefaultInconclusiveLimit),
                s.Default("suspended", Scalars.Bool, false),
                s.Default("analysisHash", ""),
                s.Optional("notBefore", Scalars.Time)),
            new CheckObjectSpec("", "", "", "", None, "", None, None, TimeSpan.Zero,
                MetricProvider.Datadog, 0, 0, false, "")),
        r.Nested("status", ["lastPassed", "lastRunTime", "observedHash", "results", "message", "activeSince", .. CommonStatus]).Match(
            s => new CheckStatus(
                s.Optional("lastPassed", Scalars.Bool),
                s.Optional("lastRunTime", Scalars.Time),
                s.Default("observedHash", ""),
                s.Objects("results", ["time", "value", "outcome", "message"], m => new Measurement(
                    m.Required("time", Scalars.Time, default),
                    m.Optional("value", Scalars.Double),
                    m.Required("outcome", Outcomes, MeasurementOutcome.Inconclusive),
                    m.Default("message", ""))).Map(l => l.Value),
                s.Default("message", ""),
                s.Optional("activeSince", Scalars.Time),
                s.Default("observedGeneration", Scalars.Long, 0L),
                Conditions(s),
                LastFailure(s)),
            () => CheckStatus.Initial));

    private static SystemStatus SystemStatus(MappingReader r) => new(
        r.Default("observedGeneration", Scalars.Long, 0L),
        r.Required("phase", SystemPhases, SystemPhase.Pending),
        r.Default("message", ""),
        r.Default("progress", ""),
        Conditions(r),
        r.Objects("applications", ["name", "phase", "message", "step", "steps", "stepStartedAt", "failedAt",
            "target", "weights", "waitingFor", "waitingSince", "requestsHandledAt", "promotedFully", "lastFailure"], ApplicationStatus).Map(l => l.Value),
        r.Optional("waitingForClustersSince", Scalars.Time),
        LastFailure(r));

    /// <summary>The fields every child's status ends with (<see cref="DocumentShapes"/>' Common).</summary>
    private static readonly string[] CommonStatus = ["observedGeneration", "conditions", "lastFailure"];

    private static Seq<Condition> Conditions(MappingReader r) =>
        r.Objects("conditions", ["type", "status", "reason", "message", "lastTransitionTime"], c => new Condition(
            c.Required("type"),
            c.Required("status"),
            c.Default("reason", ""),
            c.Default("message", ""),
            c.Required("lastTransitionTime", Scalars.Time, default))).Map(l => l.Value);

    private static Option<CommandFailure> LastFailure(MappingReader r) =>
        r.Nested("lastFailure", "action", "target", "at", "code", "message").Map(f => new CommandFailure(
            f.Required("action"),
            f.Required("target"),
            f.Required("at", Scalars.Time, default),
            f.Required("code"),
            f.Default("message", "")));

    private static ApplicationStatus ApplicationStatus(MappingReader r) => new(
        r.Required("name"),
        r.Required("phase", ApplicationPhases, ApplicationPhase.Pending),
        r.Default("message", ""),
        r.Default("step", Scalars.Int, 0),
        r.Default("steps", Scalars.Int, 1),
        r.Optional("stepStartedAt", Scalars.Time),
        r.Optional("failedAt", Scalars.Time),
        r.Default("target", ""),
        Forward(r, "weights"),
        WaitingFor: r.Default("waitingFor", ""),
        WaitingSince: r.Optional("waitingSince", Scalars.Time),
        RequestsHandledAt: r.Optional("requestsHandledAt", Scalars.Time),
        PromotedFully: r.Default("promotedFully", Scalars.Bool, false),
        LastFailure: LastFailure(r));
}
