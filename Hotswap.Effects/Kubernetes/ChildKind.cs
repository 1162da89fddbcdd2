using Hotswap.Core.Spec;

namespace Hotswap.Effects.Kubernetes;

/// <summary>One of hotswap's child kinds: where it lives in the API and how its spec and status read and write.</summary>
/// <param name="Kind">e.g. ArgoCDCluster.</param>
/// <param name="Plural">The resource, e.g. argocdclusters.</param>
/// <param name="SpecJson">The spec as JSON (Core's document shape).</param>
/// <param name="StatusJson">The status as JSON.</param>
/// <param name="Read">Spec and optional status JSON back to records.</param>
/// <param name="SystemOf">The owning System's name.</param>
internal sealed record ChildKind<TSpec, TStatus>(
    string Kind,
    string Plural,
    Func<TSpec, string> SpecJson,
    Func<TStatus, string> StatusJson,
    Func<string, Option<string>, Validation<SpecError, (TSpec Spec, TStatus Status)>> Read,
    Func<TSpec, string> SystemOf);
