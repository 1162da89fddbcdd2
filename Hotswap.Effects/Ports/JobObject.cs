using Hotswap.Core.Observed;

namespace Hotswap.Effects.Ports;

/// <summary>A batch/v1 Job: what hotswap creates (name, labels, template) and how it ended.</summary>
/// <param name="Created">metadata.creationTimestamp, when the adapter knows it (finished Jobs are cleaned up oldest first).</param>
public sealed record JobObject(
    string Name,
    Map<string, string> Labels,
    string TemplateJson,
    JobPhase Phase,
    string Message,
    Option<DateTimeOffset> Created = default);
