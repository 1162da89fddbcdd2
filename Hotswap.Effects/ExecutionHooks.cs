using Hotswap.Core.Planning;

namespace Hotswap.Effects;

/// <summary>
/// Callbacks around each executed command, for whoever watches the interpreter (the simulation
/// checks safety invariants and plays crashes with them). They observe; they cannot change what runs.
/// </summary>
public sealed record ExecutionHooks(Func<Command, Task>? BeforeCommand = null, Func<Outcome, Task>? AfterCommand = null)
{
    public static readonly ExecutionHooks None = new();
}
