namespace Hotswap.Effects.Simulation;

/// <summary>A Check's newest result at one point of the timeline.</summary>
public sealed record CheckSnapshot(string Name, string Check, Option<string> Cluster, Option<bool> LastPassed, Option<double> LastValue, string Message);
