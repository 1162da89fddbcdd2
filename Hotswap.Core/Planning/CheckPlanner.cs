using System.Globalization;
using Hotswap.Core.Children;

namespace Hotswap.Core.Planning;

/// <summary>
/// Check's reconcile: measure every interval while active, the first one interval after the
/// check became active, and none before spec.notBefore (the step's measurement window); fold each reading into the status as
/// passed (min ≤ value ≤ max), failed, or inconclusive (no data, NaN, provider error). A changed
/// analysis (new analysis-hash) starts a fresh result list.
/// </summary>
public static class CheckPlanner
{
    public static Decision<CheckStatus> Plan(CheckObjectSpec spec, CheckStatus status, DateTimeOffset now)
    {
        var current = Current(spec, status);
        if (spec.Suspended) return new(Seq<Command>(), current with { ActiveSince = None }, None);
        var since = current.ActiveSince.IfNone(now);
        var active = current with { ActiveSince = Some(since) };
        // One interval after activation, then one after each measurement taken while active.
        var cadence = active.LastRunTime.Filter(t => t >= since).Map(t => t + spec.Interval).IfNone(since + spec.Interval);
        // The step's window: a measurement before it could not pass the step anyway.
        var due = spec.NotBefore.Filter(n => n > cadence).IfNone(cadence);
        return due <= now
            ? new(Seq1<Command>(new Command.RunAnalysis(spec.Name, spec.Provider, spec.Query)), active, Some(spec.Interval))
            : new(Seq<Command>(), active, Some(due - now));
    }

    /// <summary>The status with one more measurement taken at <paramref name="now"/>.</summary>
    public static CheckStatus Record(CheckObjectSpec spec, CheckStatus status, MetricReading reading, DateTimeOffset now)
    {
        var m = Measure(spec, reading, now);
        var results = (Current(spec, status).Results + Seq1(m)).TakeLast(CheckStatus.MaxResults).ToSeq().Strict();
        return new CheckStatus(Some(m.Outcome == MeasurementOutcome.Passed), Some(now), spec.AnalysisHash, results, m.Message,
            Current(spec, status).ActiveSince);
    }

    public static Measurement Measure(CheckObjectSpec spec, MetricReading reading, DateTimeOffset now) => reading switch
    {
        MetricReading.Value { Number: var v } when double.IsNaN(v) || double.IsInfinity(v) =>
            new(now, None, MeasurementOutcome.Inconclusive, $"query returned {v.ToString(CultureInfo.InvariantCulture)}"),
        MetricReading.Value { Number: var v } => InRange(spec, v)
            ? new(now, Some(v), MeasurementOutcome.Passed, $"value {Show(v)} within {Bounds(spec)}")
            : new(now, Some(v), MeasurementOutcome.Failed, $"value {Show(v)} outside {Bounds(spec)}"),
        MetricReading.NoData => new(now, None, MeasurementOutcome.Inconclusive, "no data"),
        MetricReading.ProviderError e => new(now, None, MeasurementOutcome.Inconclusive, $"provider error: {e.Reason}"),
        _ => new(now, None, MeasurementOutcome.Inconclusive, "unknown reading"),
    };

    private static CheckStatus Current(CheckObjectSpec spec, CheckStatus status) =>
        status.ObservedHash == spec.AnalysisHash
            ? status
            : CheckStatus.Initial with { ObservedHash = spec.AnalysisHash, Message = "analysis changed; no measurement yet" };

    private static bool InRange(CheckObjectSpec spec, double v) =>
        spec.Min.ForAll(min => v >= min) && spec.Max.ForAll(max => v <= max);

    private static string Bounds(CheckObjectSpec spec) =>
        $"[{spec.Min.Map(Show).IfNone("-inf")}, {spec.Max.Map(Show).IfNone("+inf")}]";

    private static string Show(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
