namespace Hotswap.EndToEnd.Tests.Safety;

/// <summary>One invariant broken at one point of the history (<see cref="At"/> is the event's index; -1 for the end state).</summary>
public sealed record Violation(Invariant Invariant, int At, string Message)
{
    public override string ToString() => $"#{At} {Invariant}: {Message}";
}
