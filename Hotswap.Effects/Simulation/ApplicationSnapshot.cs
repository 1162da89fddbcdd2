using Hotswap.Core.Observed;
using Hotswap.Core.Status;

namespace Hotswap.Effects.Simulation;

/// <summary>One application at one point of the timeline: phase, step, the weights in force after the reconcile, its checks.</summary>
public sealed record ApplicationSnapshot(
    string Name,
    ApplicationPhase Phase,
    int Step,
    int Steps,
    Option<ForwardConfig> Weights,
    string Message,
    Seq<CheckSnapshot> Checks);
