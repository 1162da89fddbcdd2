namespace Hotswap.Core.Controls;

/// <summary>
/// A person's one-off request about one application, made with <c>hotswap abort|retry|promote</c>
/// (an annotation on the System, see <see cref="ManualControls"/>). A request is handled once: the
/// application's status records the time of the last request it handled
/// (<c>ApplicationStatus.RequestsHandledAt</c>), and a request no newer than that is history.
/// </summary>
/// <param name="At">When the request was made; orders requests and marks them handled.</param>
public abstract record ControlRequest(DateTimeOffset At)
{
    /// <summary>Fail the migration now and roll back (or halt) per <c>spec.rollback</c>.</summary>
    public sealed record Abort(DateTimeOffset At) : ControlRequest(At);

    /// <summary>Try a Reverted or Failed target again without editing the spec (or resume a halted rollback).</summary>
    public sealed record Retry(DateTimeOffset At) : ControlRequest(At);

    /// <summary>
    /// Skip the rest of the checks' wait at <paramref name="Step"/> (only while the application is
    /// at that step), or at every remaining step when <paramref name="Step"/> is None (<c>--full</c>).
    /// Never skips a safety gate: Deployed members, readiness, healthy targets, prechecks, postchecks.
    /// </summary>
    public sealed record Promote(DateTimeOffset At, Option<int> Step) : ControlRequest(At)
    {
        public bool Full => Step.IsNone;
    }
}
