using LanguageExt;

namespace Hotswap.Core.Children;

/// <summary>
/// Check.status, as SEED.md has it: lastPassed is true when and only when the last measurement
/// passed; observedHash equals the analysis-hash the results were taken with.
/// </summary>
/// <param name="LastPassed">Whether the newest measurement passed; None before any.</param>
/// <param name="LastRunTime">When the newest measurement was taken.</param>
/// <param name="ObservedHash">analysis.observedHash.</param>
/// <param name="Results">analysis.results, oldest first, the newest <see cref="MaxResults"/> kept.</param>
/// <param name="Message">The newest result in words.</param>
/// <param name="ActiveSince">
/// When the check last became active (unsuspended); its first measurement comes one interval
/// later, so that it sees the traffic of the step that activated it. None while suspended.
/// </param>
/// <param name="ObservedGeneration">The metadata.generation this status describes.</param>
/// <param name="Conditions">Ready, Progressing, Degraded (see <see cref="Hotswap.Core.Status.FailureReport"/>).</param>
/// <param name="LastFailure">Its command that failed in its last reconcile, if one did.</param>
public sealed record CheckStatus(
    Option<bool> LastPassed,
    Option<DateTimeOffset> LastRunTime,
    string ObservedHash,
    Seq<Measurement> Results,
    string Message,
    Option<DateTimeOffset> ActiveSince = default,
    long ObservedGeneration = 0,
    Seq<Hotswap.Core.Status.Condition> Conditions = default,
    Option<Hotswap.Core.Status.CommandFailure> LastFailure = default)
{
    public const int MaxResults = 20;

    public static readonly CheckStatus Initial = new(None, None, "", Seq<Measurement>(), "no measurement yet");
}
