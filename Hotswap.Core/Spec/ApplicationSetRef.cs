using LanguageExt;

namespace Hotswap.Core.Spec;

/// <summary>argocd.applicationSet: ApplicationSets chosen by name, or by a label selector (exactly one of the two).</summary>
/// <param name="Name">One ApplicationSet, by metadata.name.</param>
/// <param name="Selector">ApplicationSets whose metadata.labels match; empty when chosen by name.</param>
public sealed record ApplicationSetRef(Option<string> Name, LabelSelector Selector);
