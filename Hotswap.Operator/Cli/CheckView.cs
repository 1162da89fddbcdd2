namespace Hotswap.Operator.Cli;

/// <summary>One Check object: its newest measurement and how its recent ones went.</summary>
/// <param name="Object">The Check object's name.</param>
/// <param name="Check">The check's name in the application.</param>
/// <param name="Cluster">The cluster its query was rendered for, when per cluster.</param>
/// <param name="Suspended">Not measuring: its application is not moving traffic.</param>
/// <param name="Result">passed, failed, inconclusive, or "not measured".</param>
/// <param name="Value">The newest measured value.</param>
/// <param name="At">When the newest measurement was taken.</param>
/// <param name="Min">Inclusive lower bound.</param>
/// <param name="Max">Inclusive upper bound.</param>
/// <param name="Message">The newest result in words.</param>
/// <param name="Passed">Passed measurements among the kept results.</param>
/// <param name="Failed">Failed ones.</param>
/// <param name="Inconclusive">Inconclusive ones.</param>
public sealed record CheckView(
    string Object,
    string Check,
    string? Cluster,
    bool Suspended,
    string Result,
    double? Value,
    DateTimeOffset? At,
    double? Min,
    double? Max,
    string Message,
    int Passed,
    int Failed,
    int Inconclusive);
