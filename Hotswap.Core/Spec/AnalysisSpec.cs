using LanguageExt;

namespace Hotswap.Core.Spec;

/// <summary>checks[].analysis: a query that passes when <c>min &lt;= value &lt;= max</c>.</summary>
/// <param name="Query">Query template; <c>{{.Vars.NAME}}</c> is rendered per cluster.</param>
/// <param name="Min">Lower bound, inclusive, optional.</param>
/// <param name="Max">Upper bound, inclusive, optional.</param>
/// <param name="Interval">Spacing between measurements (default 1m).</param>
/// <param name="Provider">Metric backend (default datadog).</param>
/// <param name="FailureLimit">Failed measurements tolerated per step (default 0).</param>
/// <param name="InconclusiveLimit">Consecutive inconclusive measurements tolerated per step (default 3).</param>
public sealed record AnalysisSpec(
    string Query,
    Option<double> Min,
    Option<double> Max,
    TimeSpan Interval,
    MetricProvider Provider,
    int FailureLimit,
    int InconclusiveLimit)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(1);
    public const int DefaultFailureLimit = 0;
    public const int DefaultInconclusiveLimit = 3;
}
