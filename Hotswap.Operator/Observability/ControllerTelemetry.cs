using System.Collections.Concurrent;
using Hotswap.Core.Children;
using Hotswap.Core.Notices;
using Hotswap.Core.Planning;
using Hotswap.Core.Status;
using Hotswap.Effects;
using Hotswap.Operator.Running;
using Microsoft.Extensions.Logging;

namespace Hotswap.Operator.Observability;

/// <summary>
/// Turns what the controller reports into metrics (<see cref="OperatorMetrics"/>) and log lines in
/// the Kubernetes style (<see cref="LogLine"/>). A reconcile that changed something (ran a command,
/// moved a phase or a step, failed) is logged at info; a quiet one — most resyncs — at debug, so a
/// steady operator's log stays quiet. Never throws: a reporting bug must not fail a reconcile.
/// </summary>
public sealed class ControllerTelemetry(OperatorMetrics metrics, ILogger logger) : IControllerObserver
{
    private readonly ConcurrentDictionary<(string Namespace, string System, string Application), (ApplicationPhase Phase, int Step)> applications = new();
    private readonly ConcurrentDictionary<(string Namespace, string Check), DateTimeOffset?> measured = new();
    private readonly ConcurrentDictionary<(string Namespace, string System), SystemPhase> systems = new();

    public void Reconciled(string @namespace, ObjectKey key, ObjectReport report, TimeSpan duration) => Safely(() =>
    {
        var result = report.Interrupted ? "interrupted" : report.Failed ? "error" : "success";
        metrics.Reconciled(key.Kind.ToString(), result, duration);
        var name = (Key: KeyOf(key.Kind), Value: (object?)$"{@namespace}/{key.Name}");
        foreach (var outcome in report.Outcomes) Executed(name, outcome);
        foreach (var error in report.ObserveError)
            LogLine.Write(logger, LogLevel.Warning, $"Could not observe {key.Kind}", name, ("error", error));
        foreach (var failure in report.StatusFailures)
            LogLine.Write(logger, LogLevel.Warning, $"Could not record {key.Kind} status", name, ("error", failure.ToString()));
        var changed = !report.Outcomes.IsEmpty || report.Failed;
        var pairs = new List<(string, object?)> { name };
        switch (report.Status.Case)
        {
            case SystemStatus s:
                changed |= System(@namespace, key.Name, s);
                pairs.AddRange([("phase", s.Phase.ToString()), ("progress", s.Progress)]);
                foreach (var app in s.LeadingApplication()) pairs.Add(("step", $"{app.Step}/{app.Steps}"));
                break;
            case CheckStatus c:
                changed |= Check(@namespace, key.Name, c);
                pairs.Add(("passed", c.LastPassed.Match(p => p ? "true" : "false", () => "unknown")));
                break;
            case ArgoCDClusterStatus a:
                pairs.Add(("phase", a.Phase));
                break;
            case ApplicationDeploymentStatus d:
                pairs.Add(("phase", d.Phase));
                break;
            case null when IsGone(report):
                Gone(@namespace, key);
                LogLine.Write(logger, LogLevel.Debug, $"Forgot deleted {key.Kind}", name);
                return;
        }
        pairs.AddRange([("commands", report.Outcomes.Count), ("duration", duration)]);
        foreach (var after in report.RequeueAfter) pairs.Add(("requeueAfter", after));
        LogLine.Write(logger, changed ? LogLevel.Information : LogLevel.Debug, $"Reconciled {key.Kind}", [.. pairs]);
    });

    public void ReconcileCrashed(string @namespace, ObjectKey key, Exception error, TimeSpan duration) => Safely(() =>
    {
        metrics.Reconciled(key.Kind.ToString(), "crashed", duration);
        LogLine.Write(logger, LogLevel.Error, error, $"Reconcile of {key.Kind} crashed", (KeyOf(key.Kind), $"{@namespace}/{key.Name}"),
            ("duration", duration));
    });

    public void Planned(string @namespace, string system, SystemPlan plan) => Safely(() =>
    {
        var commands = plan.AllCommands;
        foreach (var command in commands)
        {
            metrics.Planned(command.Action);
            LogLine.Write(logger, LogLevel.Information, "Planned command", ("system", $"{@namespace}/{system}"),
                ("action", command.Action), ("target", command.Target), ("detail", command.Detail),
                ("destructive", command.Destructive), ("dryRun", true));
        }
        LogLine.Write(logger, commands.IsEmpty ? LogLevel.Debug : LogLevel.Information, "Planned System",
            ("system", $"{@namespace}/{system}"), ("phase", plan.System.Status.Phase.ToString()), ("commands", commands.Count),
            ("dryRun", true));
    });

    public void Unparseable(string @namespace, string system, IReadOnlyList<string> errors) => Safely(() =>
        LogLine.Write(logger, LogLevel.Error, "Rejected System", ("system", $"{@namespace}/{system}"),
            ("errors", string.Join("; ", errors))));

    public void QueueDepth(int depth) => Safely(() => metrics.QueueDepth(depth));

    public void Dequeued(TimeSpan waited) => Safely(() => metrics.Dequeued(waited));

    public void Watch(string resource, string what, string detail) => Safely(() =>
    {
        switch (what)
        {
            case "listed":
                LogLine.Write(logger, LogLevel.Information, "Listed objects", ("resource", resource), ("count", detail));
                break;
            case "failed":
                metrics.WatchRestarted(resource, what);
                LogLine.Write(logger, LogLevel.Warning, "Could not watch", ("resource", resource), ("error", detail));
                break;
            default:
                metrics.WatchRestarted(resource, what);
                LogLine.Write(logger, what == "expired" ? LogLevel.Information : LogLevel.Debug, "Restarted watch",
                    ("resource", resource), ("reason", what), ("detail", detail));
                break;
        }
    });

    private void Executed((string, object?) name, Outcome outcome)
    {
        var c = outcome.Command;
        if (outcome.Succeeded)
            LogLine.Write(logger, LogLevel.Information, "Executed command", name, ("action", c.Action), ("target", c.Target),
                ("detail", c.Detail), ("destructive", c.Destructive));
        else
            LogLine.Write(logger, LogLevel.Warning, "Command failed", name, ("action", c.Action), ("target", c.Target),
                ("code", outcome.Error.Map(e => e.ToString()).IfNone("Error")), ("error", outcome.Reason));
    }

    /// <summary>Updates the System's series; true when its phase or an application's phase or step moved.</summary>
    private bool System(string ns, string system, SystemStatus status)
    {
        metrics.SystemPhase(ns, system, status.Phase);
        var changed = systems.TryGetValue((ns, system), out var before) && before != status.Phase;
        systems[(ns, system)] = status.Phase;
        foreach (var a in status.Applications)
        {
            metrics.ApplicationPhase(ns, system, a.Name, a.Phase);
            var weights = a.Weights.Map(f => f.TargetGroups.Map(t => (t.Arn, t.Weight)).ToList()).IfNone([]);
            metrics.Weights(ns, system, a.Name, weights);
            var key = (ns, system, a.Name);
            if (applications.TryGetValue(key, out var last))
            {
                if (last.Phase != a.Phase)
                {
                    changed = true;
                    LogLine.Write(logger, LogLevel.Information, "Changed application phase", ("system", $"{ns}/{system}"),
                        ("application", a.Name), ("from", last.Phase.ToString()), ("phase", a.Phase.ToString()),
                        ("step", $"{a.Step}/{a.Steps}"), ("message", a.Message));
                    if (PhaseTransitions.Of(last.Phase, a.Phase) is { } t)
                    {
                        if (t.Counter == "migration") metrics.Migration(ns, system, a.Name, t.Outcome);
                        else metrics.Rollback(ns, system, a.Name, t.Outcome);
                    }
                }
                else if (last.Step != a.Step)
                {
                    changed = true;
                    LogLine.Write(logger, LogLevel.Information, "Moved application to step", ("system", $"{ns}/{system}"),
                        ("application", a.Name), ("step", $"{a.Step}/{a.Steps}"),
                        ("weights", string.Join(", ", weights.Select(w => $"{TargetGroupName(w.Arn)}={w.Weight}"))));
                }
            }
            applications[key] = (a.Phase, a.Step);
        }
        return changed;
    }

    /// <summary>Counts a new measurement (one not seen before, so a restart does not count old ones again); true when there was one.</summary>
    private bool Check(string ns, string check, CheckStatus status)
    {
        var runAt = status.LastRunTime.Match(t => (DateTimeOffset?)t, () => null);
        var seen = measured.TryGetValue((ns, check), out var last);
        measured[(ns, check)] = runAt;
        if (status.Results.LastOrNone().Case is not Measurement m) return false;
        var value = m.Value.Match(v => (double?)v, () => null);
        if (value is { } v) metrics.CheckValue(ns, check, v);
        if (!seen || last == runAt) return false;
        metrics.CheckMeasured(ns, check, m.Outcome.ToString());
        LogLine.Write(logger, m.Outcome == MeasurementOutcome.Passed ? LogLevel.Information : LogLevel.Warning, "Measured check",
            ("check", $"{ns}/{check}"), ("outcome", m.Outcome.ToString()), ("value", value), ("message", m.Message));
        return true;
    }

    private void Gone(string ns, ObjectKey key)
    {
        if (key.Kind == ObjectKind.System)
        {
            var apps = applications.Keys.Where(k => k.Namespace == ns && k.System == key.Name).ToList();
            metrics.SystemGone(ns, key.Name, apps.Select(a => a.Application));
            foreach (var a in apps) applications.TryRemove(a, out _);
            systems.TryRemove((ns, key.Name), out _);
        }
        else if (key.Kind == ObjectKind.Check)
        {
            metrics.CheckGone(ns, key.Name);
            measured.TryRemove((ns, key.Name), out _);
        }
    }

    private static bool IsGone(ObjectReport r) =>
        r.Observed.IsNone && r.Status.IsNone && r.ObserveError.IsNone && r.Planned.IsEmpty && !r.Interrupted;

    /// <summary>"system", "check", ...: the key naming the object in a log line, as kubectl names the kind.</summary>
    private static string KeyOf(ObjectKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>arn:aws:elasticloadbalancing:…:targetgroup/web-v1/abc → web-v1; anything else whole.</summary>
    public static string TargetGroupName(string arn)
    {
        var at = arn.IndexOf(":targetgroup/", StringComparison.Ordinal);
        if (at < 0) return arn;
        var rest = arn[(at + ":targetgroup/".Length)..];
        var slash = rest.IndexOf('/');
        return slash < 0 ? rest : rest[..slash];
    }

    private void Safely(Action report)
    {
        try
        {
            report();
        }
        catch (Exception e)
        {
            try
            {
                LogLine.Write(logger, LogLevel.Debug, e, "Could not report to metrics and logs");
            }
            catch (Exception)
            {
                // Reporting must never fail the controller; a broken logger is not worth a crash.
            }
        }
    }
}
