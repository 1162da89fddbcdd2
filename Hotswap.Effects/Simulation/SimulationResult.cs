using Hotswap.Core.Observed;
using Hotswap.Core.Status;

namespace Hotswap.Effects.Simulation;

/// <summary>How a simulated migration went.</summary>
/// <param name="Converged">Reached a fixed point (no commands, nothing to requeue, twice in a row).</param>
/// <param name="NonConvergence">Why not, when it did not.</param>
/// <param name="FinalPhase">The System's phase at the end.</param>
/// <param name="SimulatedDuration">Simulated time from the start of the migration to the end.</param>
/// <param name="Timeline">Every reconcile of the migration.</param>
/// <param name="FinalStatus">The System's status at the end.</param>
/// <param name="FinalWorld">The world at the end, as the observer sees it (children with their statuses, rules, secrets).</param>
/// <param name="Counts">Commands, failures, rollbacks, crashes, port calls.</param>
/// <param name="InvariantViolations">Safety invariants broken by executed commands; must be empty.</param>
/// <param name="World">The simulated world itself, for further reconciles against it.</param>
public sealed record SimulationResult(
    bool Converged,
    Option<string> NonConvergence,
    SystemPhase FinalPhase,
    TimeSpan SimulatedDuration,
    Seq<TimelineEntry> Timeline,
    SystemStatus FinalStatus,
    World FinalWorld,
    SimulationCounts Counts,
    Seq<string> InvariantViolations,
    SimulatedWorld World);
