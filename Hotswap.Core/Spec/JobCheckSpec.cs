namespace Hotswap.Core.Spec;

/// <summary>
/// prechecks[] / postchecks[]: a Job run from <see cref="TemplateJson"/> (the <c>job.template</c>
/// subtree as canonical JSON, keys sorted), keyed by the forward-config hash it ran against.
/// </summary>
public sealed record JobCheckSpec(string Name, string TemplateJson);
