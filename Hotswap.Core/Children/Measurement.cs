using LanguageExt;

namespace Hotswap.Core.Children;

/// <summary>One analysis measurement, as recorded in Check.status.analysis.results.</summary>
public sealed record Measurement(DateTimeOffset Time, Option<double> Value, MeasurementOutcome Outcome, string Message);
