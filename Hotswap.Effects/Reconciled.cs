using Hotswap.Core.Planning;

namespace Hotswap.Effects;

/// <summary>One object's reconcile: the report, and its decision with the status as recorded (None when nothing was planned).</summary>
public sealed record Reconciled<TStatus>(ObjectReport Report, Option<Decision<TStatus>> Decision);
