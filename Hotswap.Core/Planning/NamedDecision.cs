namespace Hotswap.Core.Planning;

/// <summary>A child object's decision with the object's name.</summary>
public sealed record NamedDecision<TStatus>(string Name, Decision<TStatus> Decision);
