using Hotswap.Core.Observed;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects;

/// <summary>What one child's reconcile read: the object itself, and the part of the World its planner takes.</summary>
/// <param name="Object">The child as the API server holds it (spec, status, resourceVersion, generation).</param>
/// <param name="World">Only what the child's planner reads; everything else is empty.</param>
public sealed record ChildObservation<TSpec, TStatus>(StoredObject<TSpec, TStatus> Object, World World);
