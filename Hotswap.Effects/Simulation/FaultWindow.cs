namespace Hotswap.Effects.Simulation;

/// <summary>
/// When one of a scenario's faults is in effect: from a weight step of the application it is about
/// (the step recorded in its status, first reached), or from a time after the migration started,
/// or both (the later); for a duration, or for good. Never before the migration starts.
/// <para>Example: <c>new FaultWindow(FromStep: 3)</c> — from the moment the application first
/// reaches step 3, for good; <c>new FaultWindow(From: 2m, For: 1m)</c> — from 2m to 3m.</para>
/// </summary>
/// <param name="FromStep">From this weight step of the application on; null: no step condition.</param>
/// <param name="From">From this long after the migration started; null: from the start.</param>
/// <param name="For">For this long once in effect; null: for good.</param>
public sealed record FaultWindow(int? FromStep = null, TimeSpan? From = null, TimeSpan? For = null);
