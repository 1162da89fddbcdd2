namespace Hotswap.EndToEnd.Tests.Stage;

/// <summary>An events.k8s.io/v1 Event as a test reads it.</summary>
/// <param name="Type">Normal or Warning.</param>
/// <param name="Reason">WeightChanged, CheckFailed, RollingBack, …</param>
/// <param name="Note">The message, e.g. "web: mycluster-web-1-v1 45, … (step 1/10)".</param>
/// <param name="Kind">The kind of the object it is about (regarding.kind).</param>
/// <param name="Object">The name of the object it is about (regarding.name).</param>
/// <param name="Count">How many times it happened (series.count, else 1).</param>
/// <param name="At">eventTime.</param>
public sealed record SceneEvent(string Type, string Reason, string Note, string Kind, string Object, int Count, DateTimeOffset At)
{
    public override string ToString() => $"{Type} {Reason} {Kind}/{Object}: {Note}{(Count > 1 ? $" (x{Count})" : "")}";
}
