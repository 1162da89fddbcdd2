using System.Globalization;
using Hotswap.Core.Documents;
using Hotswap.Core.Spec;

namespace Hotswap.Effects.Simulation;

/// <summary>
/// The scenario file of <c>hotswap simulate --scenario</c> (format: docs/simulate.md): how the
/// simulated world behaves, with human-friendly keys, e.g.
/// <code>
/// eks: {readyAfter: 30s, clusters: {mycluster-web-2-v2: {readyAfter: 2m}}}
/// argocd:
///   applications:
///   - {application: web, cluster: mycluster-web-1-v2, health: Degraded, fromStep: 3}
/// workloadClusters: {unreachable: [{cluster: mycluster-web-2-v2, from: 2m, for: 3m}]}
/// metrics:
///   rules:
///   - {check: web/error-rate, value: 0.5, fromStep: 3}
/// faults: {awsThrottling: 0.1}
/// crashes: {afterCommands: [5, 20, 40]}
/// controls:
/// - {application: web, action: pause, fromStep: 3}
/// - {application: web, action: resume, from: 10m}
/// </code>
/// Every field is optional; an empty file is <see cref="SimulationScenario.Default"/> (starting at
/// 2026-11-24T10:00:00Z unless <c>start</c> says otherwise).
/// </summary>
public static class ScenarioDocument
{
    /// <summary>When a scenario does not say: the same instant the examples' golden plans use.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The scenario used when no file is given.</summary>
    public static readonly SimulationScenario Default = SimulationScenario.Default with { Start = DefaultStart };

    private static readonly string[] TopLevel =
        ["kind", "start", "eks", "argocd", "workloadClusters", "jobs", "metrics", "faults", "crashes", "controls", "maxRounds"];

    /// <summary>
    /// Reads a scenario (YAML or JSON). Every problem comes with its field path and 1-based line,
    /// unknown fields with a did-you-mean. Never throws on bad input.
    /// </summary>
    public static Validation<SpecError, SimulationScenario> Parse(string text) =>
        MappingReader.Document(text, "scenario", TopLevel, Scenario, Default);

    private static SimulationScenario Scenario(MappingReader top)
    {
        top.Optional("kind", Kind);
        var eks = top.Nested("eks", "readyAfter", "clusters", "neverReady", "updating");
        var argocd = top.Nested("argocd", "syncAfter", "applications");
        var workload = top.Nested("workloadClusters", "unreachable");
        var jobs = top.Nested("jobs", "duration", "results");
        var metrics = top.Nested("metrics", "default", "rules");
        var faults = top.Nested("faults", "awsThrottling", "awsServerErrors", "kubernetesConflicts");
        var crashes = top.Nested("crashes", "afterCommands");
        var d = Default;
        return d with
        {
            Start = top.Default("start", Scalars.Time, d.Start),
            EksReadyDelay = eks.Map(e => e.Default("readyAfter", Scalars.Duration, d.EksReadyDelay)).IfNone(d.EksReadyDelay),
            EksReadyDelays = eks.Map(ReadyDelays).IfNone(d.EksReadyDelays),
            EksNeverReady = toSet(eks.Map(e => e.Strings("neverReady")).IfNone(Seq<string>())),
            EksUpdating = eks.Map(e => e.Objects("updating", ["cluster", "from", "for"], ClusterFaultOf).Map(l => l.Value))
                .IfNone(d.EksUpdating),
            SyncDelay = argocd.Map(a => a.Default("syncAfter", Scalars.Duration, d.SyncDelay)).IfNone(d.SyncDelay),
            ApplicationFaults = argocd.Map(a => a.Objects("applications",
                    ["application", "cluster", "health", "sync", "missing", "fromStep", "from", "for"], ApplicationFaultOf)
                .Map(l => l.Value)).IfNone(d.ApplicationFaults),
            Unreachable = workload.Map(w => w.Objects("unreachable", ["cluster", "from", "for"], ClusterFaultOf).Map(l => l.Value))
                .IfNone(d.Unreachable),
            JobDuration = jobs.Map(j => j.Default("duration", Scalars.Duration, d.JobDuration)).IfNone(d.JobDuration),
            JobResults = jobs.Map(JobResults).IfNone(d.JobResults),
            DefaultMetricValue = metrics.Map(m => m.Default("default", Number, d.DefaultMetricValue)).IfNone(d.DefaultMetricValue),
            Metrics = metrics.Map(m => m.Objects("rules", ["check", "cluster", "value", "noData", "fromStep", "from"], Rule)
                .Map(l => l.Value)).IfNone(d.Metrics),
            Faults = faults.Map(Faults).IfNone(d.Faults),
            CrashAfterCommands = crashes.Map(c => c.List("afterCommands", Positive)).IfNone(d.CrashAfterCommands),
            Controls = top.Objects("controls", ["application", "action", "fromStep", "from"], ControlOf).Map(l => l.Value),
            MaxRounds = top.Default("maxRounds", Positive, d.MaxRounds),
        };
    }

    private static Map<string, TimeSpan> ReadyDelays(MappingReader eks) =>
        toMap(eks.Entries("clusters")
            .Choose(e => eks.Mapping(e.Value, eks.At($"clusters.{e.Key}"), "readyAfter")
                .Map(c => (e.Key, c.Required("readyAfter", Scalars.Duration, TimeSpan.Zero)))));

    private static Map<string, bool> JobResults(MappingReader jobs) =>
        toMap(jobs.Entries("results")
            .Choose(e => jobs.Read(e.Value, jobs.At($"results.{e.Key}"), Result).Map(passed => (e.Key, passed))));

    private static MetricBehaviour Rule(MappingReader rule)
    {
        var (application, check) = rule.Required("check", Check, ("", ""));
        var noData = rule.Default("noData", Scalars.Bool, false);
        if (!noData && rule.Node("value").IsNone)
            rule.Errors.Add(new SpecError("missing-field", rule.At("value"), "\"value\" is required unless noData is true", rule.Line));
        return new MetricBehaviour(
            application, check,
            rule.Optional("cluster").MatchUnsafe(c => c, () => null),
            rule.Default("value", Number, 0),
            rule.Optional("fromStep", NonNegative).MatchUnsafe(v => v, () => (int?)null),
            rule.Optional("from", Scalars.Duration).MatchUnsafe(v => v, () => (TimeSpan?)null),
            noData);
    }

    private static ApplicationFault ApplicationFaultOf(MappingReader r)
    {
        var health = r.Optional("health", Health);
        var sync = r.Optional("sync", Sync);
        var missing = r.Default("missing", Scalars.Bool, false);
        if (r.Node("health").IsNone && r.Node("sync").IsNone && !missing)
            r.Errors.Add(new SpecError("missing-field", r.At("health"), "one of health, sync or missing: true is required", r.Line));
        return new ApplicationFault(
            r.Required("application"), r.Required("cluster"),
            health.MatchUnsafe(h => h, () => null), sync.MatchUnsafe(s => s, () => null), missing,
            new FaultWindow(
                r.Optional("fromStep", NonNegative).MatchUnsafe(v => v, () => (int?)null),
                r.Optional("from", Scalars.Duration).MatchUnsafe(v => v, () => (TimeSpan?)null),
                r.Optional("for", Scalars.Duration).MatchUnsafe(v => v, () => (TimeSpan?)null)));
    }

    private static ControlAction ControlOf(MappingReader r) => new(
        r.Required("application"),
        r.Required("action", Action, "abort"),
        new FaultWindow(
            r.Optional("fromStep", NonNegative).MatchUnsafe(v => v, () => (int?)null),
            r.Optional("from", Scalars.Duration).MatchUnsafe(v => v, () => (TimeSpan?)null)));

    private static ClusterFault ClusterFaultOf(MappingReader r) => new(
        r.Required("cluster"),
        new FaultWindow(
            null,
            r.Optional("from", Scalars.Duration).MatchUnsafe(v => v, () => (TimeSpan?)null),
            r.Optional("for", Scalars.Duration).MatchUnsafe(v => v, () => (TimeSpan?)null)));

    private static FaultRates Faults(MappingReader faults) => new(
        faults.Default("awsThrottling", Probability, 0),
        faults.Default("awsServerErrors", Probability, 0),
        faults.Default("kubernetesConflicts", Probability, 0));

    // The scalar kinds only scenarios use; the rest are the world file's (Core's Scalars).

    private static readonly Scalar<string> Kind = Scalars.Of("Scenario", s => s == "Scenario" ? Some(s) : None);

    /// <summary>A metric rule's check: APPLICATION/CHECK.</summary>
    private static readonly Scalar<(string Application, string Check)> Check =
        Scalars.Of("APPLICATION/CHECK such as web/error-rate", s => s.Split('/') is [{ Length: > 0 } a, { Length: > 0 } c]
            ? Some((a, c))
            : None);

    private static readonly Scalar<double> Number = Scalars.Of("a number", s =>
        Scalars.Double.Parse(s).Filter(double.IsFinite));

    private static readonly Scalar<double> Probability = Scalars.Of("a probability between 0 and 1", s =>
        Number.Parse(s).Filter(v => v is >= 0 and <= 1));

    private static readonly Scalar<int> Positive = Scalars.Of("a positive integer", s =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? Some(v) : None);

    private static readonly Scalar<int> NonNegative = Scalars.Of("an integer of 0 or more", s =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? Some(v) : None);

    /// <summary>A manual control: what hotswap's CLI does.</summary>
    private static readonly Scalar<string> Action = Scalars.Of(
        "abort, retry, pause, resume, promote or promote-full", s => ControlAction.Actions.Contains(s) ? Some(s) : None);

    /// <summary>An ArgoCD health status (status.health.status).</summary>
    private static readonly Scalar<string> Health = Scalars.Of(
        "an ArgoCD health status: Healthy, Progressing, Degraded, Suspended, Missing or Unknown",
        s => s is "Healthy" or "Progressing" or "Degraded" or "Suspended" or "Missing" or "Unknown" ? Some(s) : None);

    /// <summary>An ArgoCD sync status (status.sync.status).</summary>
    private static readonly Scalar<string> Sync = Scalars.Of(
        "an ArgoCD sync status: Synced, OutOfSync or Unknown", s => s is "Synced" or "OutOfSync" or "Unknown" ? Some(s) : None);

    /// <summary>A Job's result: pass or fail (succeed and true/false are read too).</summary>
    private static readonly Scalar<bool> Result = Scalars.Of("pass or fail", s =>
        s.ToLowerInvariant() switch { "pass" or "succeed" or "true" => Some(true), "fail" or "false" => Some(false), _ => None });
}
