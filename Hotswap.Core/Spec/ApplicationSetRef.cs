using LanguageExt;

namespace Hotswap.Core.Spec;

/// <summary>argocd.applicationSet: ApplicationSets chosen by name, or by a label selector (exactly one of the two).</summary>
public sealed record ApplicationSetRef(Option<string> Name, Map<string, string> Selector);
