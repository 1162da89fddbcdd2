using Hotswap.Core.Parsing;

namespace Hotswap.Core.Schema;

/// <summary>Short constructors for the schema descriptions.</summary>
public static class Shapes
{
    public static readonly SchemaNode Text = new SchemaNode.String();
    public static readonly SchemaNode Num = new SchemaNode.Number();
    public static readonly SchemaNode Bool = new SchemaNode.Boolean();
    public static readonly SchemaNode Long = new SchemaNode.Integer();
    public static readonly SchemaNode Time = new SchemaNode.String(Format: "date-time");
    public static readonly SchemaNode Labels = new SchemaNode.Map(new SchemaNode.String());
    public static readonly SchemaNode Strings = new SchemaNode.List(new SchemaNode.String());

    /// <summary>A DNS-1123 label, as names of clusters, applications and checks must be.</summary>
    public static readonly SchemaNode DnsLabel = new SchemaNode.String(Pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

    /// <summary>A Go duration as <see cref="GoDuration"/> reads it: 500ms, 30s, 1h30m, 0.</summary>
    public static readonly SchemaNode DurationText =
        new SchemaNode.String(Pattern: @"^[-+]?((([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h))+|0)$");

    public static SchemaNode.String EnumOf<T>() where T : struct, Enum => new(toSeq(Enum.GetNames<T>()));

    public static SchemaNode.Object Obj(params SchemaField[] fields) => new(toSeq(fields));

    /// <summary>A list of items keyed by their name (x-kubernetes-list-type: map).</summary>
    public static SchemaNode.List Named(SchemaNode.Object item) => new(item, Seq1("name"));

    public static SchemaNode.List ListOf(SchemaNode item) => new(item);

    public static SchemaField Field(string name, SchemaNode shape, DocRef doc, bool required = false, object? @default = null) =>
        new(name, shape, doc, required, @default);
}
