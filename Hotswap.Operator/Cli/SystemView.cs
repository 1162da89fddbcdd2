using Hotswap.Core.Status;
using Hotswap.Effects.Ports;

namespace Hotswap.Operator.Cli;

/// <summary>What <c>hotswap get</c> shows of a System: read once, drawn as a tree or written as JSON.</summary>
/// <param name="Namespace">metadata.namespace.</param>
/// <param name="Name">metadata.name.</param>
/// <param name="Generation">metadata.generation.</param>
/// <param name="ObservedGeneration">status.observedGeneration; null before the first reconcile.</param>
/// <param name="Phase">status.phase, or "Unknown" before the first reconcile.</param>
/// <param name="Message">status.message.</param>
/// <param name="Progress">status.progress, e.g. "2/3 synced".</param>
/// <param name="Conditions">status.conditions.</param>
/// <param name="LastFailure">The System's own failed command, if its last reconcile had one.</param>
/// <param name="DeletionRequested">metadata.deletionTimestamp.</param>
/// <param name="Problems">What could not be read (spec, status, children), each in a sentence.</param>
/// <param name="Applications">One per application, in spec order.</param>
/// <param name="Events">Recent Events about the System and its children, oldest first.</param>
public sealed record SystemView(
    string Namespace,
    string Name,
    long Generation,
    long? ObservedGeneration,
    string Phase,
    string Message,
    string Progress,
    IReadOnlyList<Condition> Conditions,
    string? LastFailure,
    DateTimeOffset? DeletionRequested,
    IReadOnlyList<string> Problems,
    IReadOnlyList<ApplicationView> Applications,
    IReadOnlyList<EventObject> Events);
