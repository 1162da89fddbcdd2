using Hotswap.Core.Children;
using Hotswap.Core.Observed;

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
        var results = desired.Map(d => One(d, world.Checks.Find(d.Name), stepStart)).Strict();
        var failed = results.Choose(r => r is Result.Failed f ? Some(f) : None).HeadOrNone();
        if (failed.IsSome) return failed.IfNone(() => new Result.Failed(""));
        var pending = results.Choose(r => r is Result.Pending p ? Some(p) : None).Strict();
        if (pending.IsEmpty) return Passed;
        var due = pending.Choose(p => p.NextDue);
        return new Result.Pending(
            string.Join("; ", pending.Map(p => p.Reason)),
            due.IsEmpty ? None : Some(due.Min()),
            pending.Exists(p => p.Stalled));
    }

    // The observed spec is compared without notBefore: that only schedules measurements, and the
    // window below is enforced here whatever it says.
    private static Result One(CheckObjectSpec desired, Option<CheckObject> observed, DateTimeOffset stepStart) =>
        observed.Match(
            o => o.Spec with { NotBefore = desired.NotBefore } != desired || o.Status.ObservedHash != desired.AnalysisHash
                ? new Result.Pending($"check {desired.Name} not active with analysis {desired.AnalysisHash} yet", None, true)
                : Judge(desired, o.Status, stepStart),
            () => new Result.Pending($"check {desired.Name} not created yet", None, true));

    private static Result Judge(CheckObjectSpec spec, CheckStatus status, DateTimeOffset stepStart)
    {
        // Failures and inconclusive results count from the step's start; a pass counts only from
        // one interval after it (and never at the instant of the write itself, for interval 0).
        var window = stepStart + spec.Interval;
        var counted = status.Results.Filter(m => m.Time > stepStart).Strict();
        var where = spec.Cluster.Match(c => $"check {spec.Check} on cluster {c}", () => $"check {spec.Check}");
        var failures = counted.Filter(m => m.Outcome == MeasurementOutcome.Failed).Strict();
        if (failures.Count > spec.FailureLimit)
            return new Result.Failed(
                $"{where} failed: {failures.Last.Message} ({failures.Count} failed measurement(s), failureLimit {spec.FailureLimit})");
        var inconclusiveRun = counted.Rev().TakeWhile(m => m.Outcome == MeasurementOutcome.Inconclusive).ToSeq();
        if (inconclusiveRun.Count > spec.InconclusiveLimit)
            return new Result.Failed(
                $"{where} was inconclusive {inconclusiveRun.Count} times in a row " +
                $"(inconclusiveLimit {spec.InconclusiveLimit}): {inconclusiveRun.Head.Message}");
        var last = counted.LastOrNone();
        if (last.Exists(m => m.Outcome == MeasurementOutcome.Passed && m.Time >= window))
            return Passed;
        var cadence = status.LastRunTime.Map(t => t + spec.Interval).Filter(t => t > stepStart).IfNone(window);
        var next = cadence < window ? window : cadence;
        var why = last.Match(
            m => m.Outcome == MeasurementOutcome.Passed
                ? $"{where}: passed at {m.Time:O}, before the step's window opened at {window:O}"
                : $"{where}: last result {m.Outcome.ToString().ToLowerInvariant()} ({m.Message})",
            () => $"{where}: waiting for a measurement after {stepStart:O}");
        return new Result.Pending(why, Some(next), last.Exists(m => m.Outcome != MeasurementOutcome.Passed));
    }
}
