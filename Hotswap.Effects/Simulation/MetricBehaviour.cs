namespace Hotswap.Effects.Simulation;

/// <summary>
/// What a check's query returns in the simulation. The last behaviour in the scenario that matches
/// the check and is in effect wins; with none, the scenario's default value.
/// <para>Example: <c>new MetricBehaviour("web", "errors", Value: 0.5, FromStep: 3)</c> — the
/// "errors" check of "web" reads 0.5 from weight step 3 on.</para>
/// </summary>
/// <param name="Application">Application name.</param>
/// <param name="Check">Check name in the application.</param>
/// <param name="Cluster">Only for this cluster's query (per-cluster checks); null for every cluster.</param>
/// <param name="Value">The value returned.</param>
/// <param name="FromStep">In effect from this weight step on (the application's recorded step); null for always.</param>
/// <param name="FromTime">In effect from this long after the migration started; null for always.</param>
/// <param name="NoData">Return no data instead of <paramref name="Value"/> (inconclusive).</param>
public sealed record MetricBehaviour(
    string Application,
    string Check,
    string? Cluster = null,
    double Value = 0,
    int? FromStep = null,
    TimeSpan? FromTime = null,
    bool NoData = false);
