using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using LanguageExt.UnsafeValueAccess;

namespace Hotswap.Core.Planning;

/// <summary>
/// Whether a step may advance: every check of the application has a passing result taken at least
/// one interval after the step's weights were written (so it saw an interval of the step's
/// traffic), no more than failureLimit failures since the step started, and no more than
/// inconclusiveLimit inconclusive results in a row.
/// <para>Example: failureLimit 1, inconclusiveLimit 2, interval 1m, step written at 10:00.
/// F@10:01 P@10:02 → passed. F@10:01 F@10:02 → failed (2 &gt; 1). I I I → failed (3 in a row &gt; 2).
/// I I F I I P → passed (the runs are 2 long; one failure). P@10:00:30 → pending: inside the
/// window.</para>
/// </summary>
public static class CheckGate
{
    public abstract record Result
    {
        private Result() { }
        public sealed record Passed : Result;
        /// <param name="Reason">What the step waits for, in words.</param>
        /// <param name="NextDue">When a new measurement is due.</param>
        /// <param name="Stalled">
        /// True when the wait is not the ordinary wait for the next measurement: the newest result
        /// is inconclusive or a tolerated failure, or a check is not active yet. Such a wait is
        /// bounded by the application's progressDeadline.
        /// </param>
        public sealed record Pending(string Reason, Option<DateTimeOffset> NextDue, bool Stalled = false) : Result;
        public sealed record Failed(string Reason) : Result;
    }

    private static readonly Result Passed = new Result.Passed();

    /// <summary>What a promoted step's pending checks count as: passed.</summary>
    public static readonly Result Promoted = Passed;

    public static Result Evaluate(Seq<CheckObjectSpec> desired, World world, DateTimeOffset stepStart)
    {
        // The first failed check decides; otherwise every pending one is named. Loops, not
        // sequence pipelines: this runs for every moving application in every decision.
        List<Result.Pending>? pending = null;
        foreach (var check in desired)
        {
            switch (One(check, world.Checks.Find(check.Name), stepStart))
            {
                case Result.Failed f: return f;
                case Result.Pending p: (pending ??= new List<Result.Pending>(desired.Count)).Add(p); break;
            }
        }
        if (pending is null) return Passed;
        if (pending.Count == 1) return pending[0];
        DateTimeOffset? due = null;
        var stalled = false;
        foreach (var p in pending)
        {
            if (p.NextDue.IsSome && (due is null || p.NextDue.ValueUnsafe() < due)) due = p.NextDue.ValueUnsafe();
            stalled |= p.Stalled;
        }
        return new Result.Pending(
            string.Join("; ", pending.Select(p => p.Reason)), due is { } d ? Some(d) : None, stalled);
    }

    // The observed spec is compared without notBefore: that only schedules measurements, and the
    // window below is enforced here whatever it says.
    private static Result One(CheckObjectSpec desired, Option<CheckObject> observed, DateTimeOffset stepStart)
    {
        if (observed.IsNone) return new Result.Pending($"check {desired.Name} not created yet", None, true);
        var o = observed.ValueUnsafe();
        var spec = o.Spec.NotBefore == desired.NotBefore ? o.Spec : o.Spec with { NotBefore = desired.NotBefore };
        return spec != desired || o.Status.ObservedHash != desired.AnalysisHash
            ? new Result.Pending($"check {desired.Name} not active with analysis {desired.AnalysisHash} yet", None, true)
            : Judge(desired, o.Status, stepStart);
    }

    private static Result Judge(CheckObjectSpec spec, CheckStatus status, DateTimeOffset stepStart)
    {
        // Failures and inconclusive results count from the step's start; a pass counts only from
        // one interval after it (and never at the instant of the write itself, for interval 0).
        var window = stepStart + spec.Interval;
        var failures = 0;
        var inconclusiveRun = 0;
        Measurement? lastFailure = null;
        Measurement? last = null;
        foreach (var m in status.Results)
        {
            if (m.Time <= stepStart) continue;
            last = m;
            if (m.Outcome == MeasurementOutcome.Failed) { failures++; lastFailure = m; }
            inconclusiveRun = m.Outcome == MeasurementOutcome.Inconclusive ? inconclusiveRun + 1 : 0;
        }
        if (failures > spec.FailureLimit)
            return new Result.Failed(
                $"{Where(spec)} failed: {lastFailure!.Message} ({failures} failed measurement(s), failureLimit {spec.FailureLimit})");
        // The run is the newest results, so its newest one is the last counted.
        if (inconclusiveRun > spec.InconclusiveLimit)
            return new Result.Failed(
                $"{Where(spec)} was inconclusive {inconclusiveRun} times in a row " +
                $"(inconclusiveLimit {spec.InconclusiveLimit}): {last!.Message}");
        if (last is { Outcome: MeasurementOutcome.Passed } && last.Time >= window)
            return Passed;
        var cadence = status.LastRunTime.Map(t => t + spec.Interval).Filter(t => t > stepStart).IfNone(window);
        var next = cadence < window ? window : cadence;
        var why = last is null
            ? $"{Where(spec)}: waiting for a measurement after {stepStart:O}"
            : last.Outcome == MeasurementOutcome.Passed
                ? $"{Where(spec)}: passed at {last.Time:O}, before the step's window opened at {window:O}"
                : $"{Where(spec)}: last result {last.Outcome.ToString().ToLowerInvariant()} ({last.Message})";
        return new Result.Pending(why, Some(next), last is not null && last.Outcome != MeasurementOutcome.Passed);
    }

    private static string Where(CheckObjectSpec spec) =>
        spec.Cluster.Match(c => $"check {spec.Check} on cluster {c}", () => $"check {spec.Check}");
}
