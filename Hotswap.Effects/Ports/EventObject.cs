namespace Hotswap.Effects.Ports;

/// <summary>An Event about one of hotswap's objects.</summary>
/// <param name="Kind">regarding.kind, e.g. System.</param>
/// <param name="Name">regarding.name.</param>
/// <param name="Type">Normal or Warning.</param>
/// <param name="Reason">CamelCase reason, e.g. WeightsSet.</param>
/// <param name="Note">What happened, for a person.</param>
/// <param name="LastTime">When it last happened.</param>
/// <param name="Count">How many times it happened (1 without a series).</param>
public sealed record EventObject(
    string Kind, string Name, string Type, string Reason, string Note, DateTimeOffset LastTime, int Count = 1);
