using Hotswap.Core.Spec;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hotswap.Core.Documents;

/// <summary>A value read from a document, with where it was, for errors found later (duplicates).</summary>
internal sealed record Located<T>(T Value, string Path, int Line);

/// <summary>
/// Reads one YAML mapping of a document: declares the keys it knows (anything else is an
/// <c>unknown-field</c> error with a did-you-mean), and hands out typed values, recording a
/// <see cref="SpecError"/> with path and line for each one that is missing or malformed and
/// returning a placeholder so reading goes on and every error is collected in one pass.
/// </summary>
internal sealed class MappingReader
{
    private readonly YamlMappingNode node;
    private readonly string path;
    private readonly string document;
    private readonly List<SpecError> errors;
    private readonly Dictionary<string, YamlNode> values = new(StringComparer.Ordinal);

    private MappingReader(YamlMappingNode node, string path, string document, List<SpecError> errors, string[] known)
    {
        this.node = node;
        this.path = path;
        this.document = document;
        this.errors = errors;
        foreach (var (key, value) in node.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
                errors.Add(Error("invalid-key", path.Length == 0 ? document : path, "keys must be plain strings", key));
            else if (!known.Contains(name, StringComparer.Ordinal))
                errors.Add(Error("unknown-field", At(name),
                    $"unknown field \"{name}\"{DidYouMean.Hint(name, known)}", key));
            else
                values[name] = value;
        }
    }

    /// <summary>
    /// Reads a whole document (YAML or JSON) whose root is a mapping with the keys
    /// <paramref name="topLevel"/>: every problem with its field path and 1-based line (problems
    /// with the document as a whole under the path <paramref name="document"/>, e.g. "world").
    /// An empty or null document is <paramref name="empty"/>. Never throws on bad input.
    /// </summary>
    public static Validation<SpecError, T> Document<T>(
        string text, string document, string[] topLevel, Func<MappingReader, T> read, T empty)
    {
        var errors = new List<SpecError>();
        var value = Load(text ?? "", document, errors).Bind(root => IsNull(root)
            ? Some(empty)
            : Of(root, "", document, errors, topLevel).Map(read));
        return errors.Count > 0
            ? Fail<SpecError, T>(errors.ToSeq())
            : Success<SpecError, T>(value.IfNone(empty));
    }

    private static Option<YamlNode> Load(string text, string document, List<SpecError> errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            errors.Add(new SpecError("yaml-syntax", document, e.Message, (int)e.Start.Line));
            return None;
        }
        if (stream.Documents.Count > 1)
        {
            errors.Add(new SpecError("yaml-syntax", document,
                "expected one document, found " + stream.Documents.Count,
                (int)stream.Documents[1].RootNode.Start.Line));
            return None;
        }
        return stream.Documents.Count == 0 ? None : Some(stream.Documents[0].RootNode);
    }

    /// <summary>None (with an error recorded) when the node is not a mapping.</summary>
    private static Option<MappingReader> Of(YamlNode node, string path, string document, List<SpecError> errors, string[] known)
    {
        if (node is YamlMappingNode mapping) return new MappingReader(mapping, path, document, errors, known);
        errors.Add(Error("invalid-value", path.Length == 0 ? document : path, $"must be a mapping, got {Describe(node)}", node));
        return None;
    }

    /// <summary>A mapping inside this one (an item or a map's value), at <paramref name="at"/>.</summary>
    public Option<MappingReader> Mapping(YamlNode n, string at, params string[] known) =>
        Of(n, at, document, errors, known);

    public string Path => path;

    public int Line => LineOf(node);

    public string At(string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static int LineOf(YamlNode node) => (int)node.Start.Line;

    public static SpecError Error(string code, string path, string message, YamlNode node) =>
        new(code, path, message, LineOf(node));

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "nothing",
        YamlScalarNode s => $"\"{s.Value}\"",
        _ => node.NodeType.ToString(),
    };

    /// <summary>The value under key; None when absent or null.</summary>
    public Option<YamlNode> Node(string key) =>
        values.TryGetValue(key, out var value) && !IsNull(value) ? Some(value) : None;

    /// <summary>An optional scalar; None (with an error when malformed) if absent or unreadable.</summary>
    public Option<T> Optional<T>(string key, Scalar<T> scalar) =>
        Node(key).Bind(n => Read(n, At(key), scalar));

    /// <summary>A scalar with a default for when it is absent.</summary>
    public T Default<T>(string key, Scalar<T> scalar, T fallback) =>
        Optional(key, scalar).IfNone(fallback);

    /// <summary>A scalar that must be there; placeholder (and a missing-field error) if not.</summary>
    public T Required<T>(string key, Scalar<T> scalar, T placeholder)
    {
        if (Node(key).IsNone)
        {
            errors.Add(new SpecError("missing-field", At(key), $"\"{key}\" is required", Line));
            return placeholder;
        }
        return Optional(key, scalar).IfNone(placeholder);
    }

    public string Required(string key) => Required(key, Scalars.Text, "");

    public string Default(string key, string fallback) => Default(key, Scalars.Text, fallback);

    public Option<string> Optional(string key) => Optional(key, Scalars.Text);

    public Option<T> Read<T>(YamlNode n, string at, Scalar<T> scalar)
    {
        if (n is not YamlScalarNode { Value: { } text } || IsNull(n))
        {
            errors.Add(Error("invalid-value", at, $"must be {scalar.Expected}, got {Describe(n)}", n));
            return None;
        }
        var value = scalar.Parse(text);
        if (value.IsNone)
            errors.Add(Error("invalid-value", at, $"must be {scalar.Expected}, got \"{text}\"{scalar.Hint(text)}", n));
        return value;
    }

    /// <summary>A nested mapping, or None when absent (or not a mapping: error recorded).</summary>
    public Option<MappingReader> Nested(string key, params string[] known) =>
        Node(key).Bind(n => Mapping(n, At(key), known));

    /// <summary>A list, each item read by <paramref name="item"/>; empty when absent.</summary>
    public Seq<Located<T>> Items<T>(string key, Func<YamlNode, string, Option<T>> item)
    {
        var at = At(key);
        return Node(key).Match(
            n => n is YamlSequenceNode seq
                ? seq.Children
                    .Select((child, i) => item(child, $"{at}[{i}]")
                        .Map(v => new Located<T>(v, $"{at}[{i}]", LineOf(child))))
                    .Somes()
                    .ToSeq()
                    .Strict()
                : Invalid<Seq<Located<T>>>(at, "must be a list", n),
            () => Seq<Located<T>>());
    }

    /// <summary>Items that are mappings with these keys.</summary>
    public Seq<Located<T>> Objects<T>(string key, string[] known, Func<MappingReader, T> read) =>
        Items(key, (n, at) => Mapping(n, at, known).Map(read));

    /// <summary>A list of scalars; empty when absent.</summary>
    public Seq<T> List<T>(string key, Scalar<T> scalar) =>
        Items(key, (n, at) => Read(n, at, scalar)).Map(l => l.Value);

    public Seq<string> Strings(string key) => List(key, Scalars.Text);

    /// <summary>A string-to-string mapping (labels, selectors); null values read as "".</summary>
    public Map<string, string> Labels(string key) => Node(key).Match(
        n => n is YamlMappingNode m
            ? toMap(m.Children.Select(kv => (
                    Key: (kv.Key as YamlScalarNode)?.Value ?? "",
                    Value: IsNull(kv.Value) ? Some("") : Read(kv.Value, $"{At(key)}.{(kv.Key as YamlScalarNode)?.Value}", Scalars.Text)))
                .Where(kv => kv.Value.IsSome)
                .Select(kv => (kv.Key, kv.Value.IfNone(""))))
            : Invalid<Map<string, string>>(At(key), "must be a mapping of strings", n),
        () => Map<string, string>());

    /// <summary>A label selector, canonical or shorthand; empty (matches everything) when absent.</summary>
    public LabelSelector Selector(string key) => Node(key).Match(
        n => Parsing.SelectorReader.Read(n, At(key), new Parsing.SelectorReader.Sink(
            (code, at, message, node) => errors.Add(Error(code, at, message, node)),
            (_, _) => { })),
        () => LabelSelector.Everything);

    /// <summary>The mapping's own entries, for maps keyed by name (revision.applications).</summary>
    public Seq<(string Key, YamlNode Value)> Entries(string key) => Node(key).Match(
        n => n is YamlMappingNode m
            ? m.Children.Select(kv => ((kv.Key as YamlScalarNode)?.Value ?? "", kv.Value)).ToSeq().Strict()
            : Invalid<Seq<(string, YamlNode)>>(At(key), "must be a mapping", n),
        () => Seq<(string, YamlNode)>());

    private T Invalid<T>(string at, string message, YamlNode n) where T : new()
    {
        errors.Add(Error("invalid-value", at, $"{message}, got {Describe(n)}", n));
        return new T();
    }

    public List<SpecError> Errors => errors;
}
