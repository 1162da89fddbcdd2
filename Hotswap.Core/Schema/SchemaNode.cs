namespace Hotswap.Core.Schema;

/// <summary>
/// The shape of one value in a hotswap object, as a structural OpenAPI v3 schema can state it.
/// One description serves the System parser (which field names exist, which enum values), the
/// document writers' tests (what they write must fit), and <c>hotswap crds</c> (the schema itself).
/// </summary>
public abstract record SchemaNode
{
    private SchemaNode() { }

    /// <summary>A mapping with known fields. <paramref name="PreserveUnknown"/> keeps other keys (x-kubernetes-preserve-unknown-fields).</summary>
    public sealed record Object(Seq<SchemaField> Fields, bool PreserveUnknown = false) : SchemaNode
    {
        /// <summary>The field names, in order.</summary>
        public string[] Names => Fields.Map(f => f.Name).ToArray();

        public SchemaField this[string name] => Fields.Find(f => f.Name == name)
            .IfNone(() => throw new KeyNotFoundException($"no field {name}"));

        /// <summary>The object shape of field <paramref name="name"/> (of a list field: of its items).</summary>
        public Object Child(string name) => this[name].Shape switch
        {
            Object o => o,
            List { Items: Object o } => o,
            var other => throw new InvalidOperationException($"{name} is {other.GetType().Name}, not an object"),
        };
    }

    /// <summary>A mapping from free keys to values of one shape (labels: string → string).</summary>
    public sealed record Map(SchemaNode Values) : SchemaNode;

    /// <summary>A list of items of one shape; <paramref name="MapKeys"/> names the key of a list of named items (x-kubernetes-list-type: map).</summary>
    public sealed record List(SchemaNode Items, Seq<string> MapKeys = default) : SchemaNode;

    /// <summary>A string: one of <paramref name="Enum"/> when given, matching <paramref name="Pattern"/> when given; <paramref name="Format"/> e.g. date-time.</summary>
    public sealed record String(Seq<string> Enum = default, string? Pattern = null, string? Format = null) : SchemaNode;

    public sealed record Integer(long? Minimum = null, long? Maximum = null) : SchemaNode;

    public sealed record Number : SchemaNode;

    public sealed record Boolean : SchemaNode;

    /// <summary>Any mapping, kept as written (a Job template).</summary>
    public sealed record AnyObject : SchemaNode;
}
