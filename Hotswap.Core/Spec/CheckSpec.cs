namespace Hotswap.Core.Spec;

/// <summary>applications[].checks[]: a metric analysis that gates every step.</summary>
public sealed record CheckSpec(string Name, AnalysisSpec Analysis);
