namespace Hotswap.Core.Schema;

/// <summary>One field of a <see cref="SchemaNode.Object"/>.</summary>
/// <param name="Name">The field name as written (camelCase, as in Kubernetes).</param>
/// <param name="Shape">Its value's shape.</param>
/// <param name="Doc">Where its description comes from.</param>
/// <param name="Required">Whether the field must be present.</param>
/// <param name="Default">
/// The value the parser assumes when the field is absent and that Kubernetes can apply the same
/// way (a string, long, bool, or an empty object); null when there is none, or when it depends
/// on other fields (eks.clusterName defaults to the cluster's name: no schema can say that).
/// </param>
public sealed record SchemaField(string Name, SchemaNode Shape, DocRef Doc, bool Required = false, object? Default = null);
