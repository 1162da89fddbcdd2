using Hotswap.Core.Children;
using Hotswap.Core.Observed;

namespace Hotswap.Core.Planning;

/// <summary>
/// Whether a step may advance: every check of the application has a passing result newer than the
/// step (checks measure one interval after activation and after each measurement, so that result
/// saw about an interval of the step's traffic), no more than failureLimit failures since the step
/// started, and no more than inconclusiveLimit inconclusive results in a row.
/// </summary>
public static class CheckGate
{
    public abstract record Result
    {
        private Result() { }
        public sealed record Passed : Result;
        public sealed record Pending(string Reason, Option<DateTimeOffset> NextDue) : Result;
        public sealed record Failed(string Reason) : Result;
    }

    private static readonly Result Passed = new Result.Passed();

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
            due.IsEmpty ? None : Some(due.Min()));
    }

    private static Result One(CheckObjectSpec desired, Option<CheckObject> observed, DateTimeOffset stepStart) =>
        observed.Match(
            o => o.Spec != desired || o.Status.ObservedHash != desired.AnalysisHash
                ? new Result.Pending($"check {desired.Name} not active with analysis {desired.AnalysisHash} yet", None)
                : Judge(desired, o.Status, stepStart),
            () => new Result.Pending($"check {desired.Name} not created yet", None));

    private static Result Judge(CheckObjectSpec spec, CheckStatus status, DateTimeOffset stepStart)
    {
        // Newer than the step: a measurement taken in the reconcile that wrote the step's weights
        // saw the old traffic and must not count. Checks measure one interval after they became
        // active and one interval after each measurement, so the first result newer than a step
        // has had about an interval of its traffic.
        var counted = status.Results.Filter(m => m.Time > stepStart).Strict();
        if (counted.LastOrNone().Exists(m => m.Outcome == MeasurementOutcome.Passed)
            && counted.Count(m => m.Outcome == MeasurementOutcome.Failed) <= spec.FailureLimit)
            return Passed;
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
        if (counted.LastOrNone().Exists(m => m.Outcome == MeasurementOutcome.Passed))
            return Passed;
        var next = status.LastRunTime.Map(t => t + spec.Interval).Filter(t => t > stepStart).IfNone(stepStart + spec.Interval);
        var why = counted.LastOrNone().Match(
            m => $"{where}: last result {m.Outcome.ToString().ToLowerInvariant()} ({m.Message})",
            () => $"{where}: waiting for a measurement after {stepStart:O}");
        return new Result.Pending(why, Some(next));
    }
}
