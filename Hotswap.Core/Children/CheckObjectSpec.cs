using Hotswap.Core.Spec;
using LanguageExt;

namespace Hotswap.Core.Children;

/// <summary>
/// Check.spec: one application check with its query rendered — one object per check when the
/// rendered query is the same for every cluster ("&lt;system&gt;-&lt;app&gt;-&lt;check&gt;"), else one per
/// check and cluster ("&lt;system&gt;-&lt;app&gt;-&lt;check&gt;-&lt;cluster&gt;").
/// </summary>
/// <param name="Name">Object name.</param>
/// <param name="System">Owning System.</param>
/// <param name="Application">Application the check gates.</param>
/// <param name="Check">Check name in the application.</param>
/// <param name="Cluster">The cluster the query was rendered for, when per cluster.</param>
/// <param name="Query">Rendered query.</param>
/// <param name="Min">Inclusive lower bound.</param>
/// <param name="Max">Inclusive upper bound.</param>
/// <param name="Interval">Spacing between measurements.</param>
/// <param name="Provider">Metric backend.</param>
/// <param name="FailureLimit">Failures tolerated per step.</param>
/// <param name="InconclusiveLimit">Consecutive inconclusive results tolerated per step.</param>
/// <param name="Suspended">true while its application is not moving traffic: no measurements.</param>
/// <param name="AnalysisHash">Hash of the rendered analysis (annotation analysis-hash).</param>
/// <param name="NotBefore">
/// No measurement before this instant: one interval after the current step's weights were
/// written, so the measurement that can pass the step has seen a whole interval of its traffic.
/// None while suspended or between steps.
/// </param>
public sealed record CheckObjectSpec(
    string Name,
    string System,
    string Application,
    string Check,
    Option<string> Cluster,
    string Query,
    Option<double> Min,
    Option<double> Max,
    TimeSpan Interval,
    MetricProvider Provider,
    int FailureLimit,
    int InconclusiveLimit,
    bool Suspended,
    string AnalysisHash,
    Option<DateTimeOffset> NotBefore = default);
