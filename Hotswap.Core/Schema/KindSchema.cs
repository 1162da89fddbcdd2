namespace Hotswap.Core.Schema;

/// <summary>One of hotswap's kinds: its spec and status shapes and what the kind is for.</summary>
/// <param name="Kind">e.g. System.</param>
/// <param name="Doc">The kind's description (the spec record's summary).</param>
/// <param name="Spec">.spec.</param>
/// <param name="Status">.status, written through the status subresource.</param>
public sealed record KindSchema(string Kind, DocRef Doc, SchemaNode.Object Spec, SchemaNode.Object Status);
