using Hotswap.Core.Observed;

namespace Hotswap.Effects.Ports;

/// <summary>A batch/v1 Job: what hotswap creates (name, labels, template) and how it ended.</summary>
public sealed record JobObject(
    string Name,
    Map<string, string> Labels,
    string TemplateJson,
    JobPhase Phase,
    string Message);
