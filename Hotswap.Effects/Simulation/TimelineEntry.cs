using Hotswap.Core.Status;

namespace Hotswap.Effects.Simulation;

/// <summary>One reconcile of the simulation.</summary>
/// <param name="Round">Reconcile number, from 0.</param>
/// <param name="Time">Simulated time of the reconcile.</param>
/// <param name="Elapsed">Time since the migration started.</param>
/// <param name="Phase">The System phase the reconcile decided.</param>
/// <param name="Message">The System status message.</param>
/// <param name="Applications">Each application after the reconcile.</param>
/// <param name="Executed">Commands executed successfully, by kind (command type name).</param>
/// <param name="Failures">Failed commands, failed status writes and observation errors, in words.</param>
/// <param name="Crashed">The operator crashed during this reconcile.</param>
public sealed record TimelineEntry(
    int Round,
    DateTimeOffset Time,
    TimeSpan Elapsed,
    SystemPhase Phase,
    string Message,
    Seq<ApplicationSnapshot> Applications,
    Map<string, int> Executed,
    Seq<string> Failures,
    bool Crashed);
