using System.Globalization;
using System.Text.RegularExpressions;
using Hotswap.Core.Spec;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hotswap.Core.Parsing;

/// <summary>
/// The state of one parse: the errors found so far and the line of every path seen. Reading
/// goes on after an error (with a default in place of the bad value) so one run reports every
/// problem; this mutable collector lives only inside <see cref="SystemManifest"/>'s call.
/// </summary>
internal sealed class ManifestReader
{
    readonly List<SpecError> errors = [];
    readonly Dictionary<string, int> lines = new(StringComparer.Ordinal);

    public IReadOnlyList<SpecError> Errors => errors;

    readonly List<string> unreadable = [];

    /// <summary>Paths read as a placeholder because of an error reported elsewhere (validation there would only repeat it).</summary>
    public IReadOnlyList<string> Unreadable => unreadable;

    public void MarkUnreadable(string path) => unreadable.Add(path);

    /// <summary>The YAML (or JSON) document's root, or null after reporting why there is none.</summary>
    public YamlNode? Load(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            errors.Add(new("yaml-syntax", "", $"not valid YAML or JSON: {Reason(e)}", (int)e.Start.Line));
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these, without a position, for some malformed structures; still
            // the user's input, so say where the last well-formed piece ended.
            var line = LastWellFormedLine(text);
            errors.Add(new("yaml-syntax", "", line is { } l
                ? $"not valid YAML or JSON: the structure breaks after line {l} ({e.Message})"
                : $"not valid YAML or JSON: {e.Message}", line));
            return null;
        }
        // Empty documents (nothing but comments between two "---") are skipped, as kubectl does.
        var documents = stream.Documents.Where(d => !IsNull(d.RootNode)).ToList();
        if (documents.Count == 0)
        {
            errors.Add(new("empty-document", "", "the manifest is empty; expected one System", 1));
            return null;
        }
        if (documents.Count > 1)
            errors.Add(new("multiple-documents", "",
                $"expected one System, found {documents.Count} YAML documents",
                (int)documents[1].RootNode.Start.Line));
        return documents[0].RootNode;
    }

    static string Reason(YamlException e)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 1, Idx: 12) - (…): "; the line is reported separately.
        var m = Regex.Match(e.Message, @"^\(Line:.*?\)\s*-\s*\(Line:.*?\):\s*");
        return m.Success ? e.Message[m.Length..] : e.Message;
    }

    public void Report(string code, string path, string message, YamlNode? node = null) =>
        errors.Add(new(code, path, message, node is null ? LineOf(path) : (int)node.Start.Line));

    /// <summary>A missing key has no line of its own: use its parent's key, else the mapping's first line.</summary>
    public void ReportMissing(string path, string key, YamlMappingNode map) =>
        errors.Add(new("missing-field", Join(path, key), $"{key} is required",
            LineOf(path) ?? (int)map.Start.Line));

    public void Remember(string path, YamlNode node) => lines.TryAdd(path, (int)node.Start.Line);

    /// <summary>The line of <paramref name="path"/>, or of its nearest ancestor that was seen.</summary>
    public int? LineOf(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
            if (lines.TryGetValue(p, out var line)) return line;
        return null;
    }

    static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    public static bool IsNullText(string? text) => text is null or "" or "~" or "null" or "Null" or "NULL";

    public static bool IsNull(YamlNode? node) =>
        node is null || node is YamlScalarNode { Style: ScalarStyle.Plain } s && s.Tag.IsEmpty && IsNullText(s.Value);

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "null",
        YamlScalarNode { Style: ScalarStyle.Plain } s => s.Value ?? "",
        YamlScalarNode s => $"\"{s.Value}\"",
        _ => "something else",
    };

    public void WrongType(YamlNode node, string path, string expected) =>
        Report("wrong-type", path, $"expected {expected}, got {Describe(node)}", node);

    /// <summary>
    /// An optional mapping: null when absent or null; reports unknown keys against
    /// <paramref name="known"/> (with a suggestion) and remembers each key's line.
    /// </summary>
    public Fields? Object(YamlNode? node, string path, IReadOnlyList<string> known)
    {
        if (IsNull(node)) return null;
        if (node is not YamlMappingNode map) { WrongType(node!, path, "a mapping"); return null; }
        Remember(path, map);
        var present = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var unknown = 0;
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                WrongType(keyNode, path, "a field name");
                continue;
            }
            var at = Join(path, key);
            if (!known.Contains(key))
            {
                Report("unknown-field", at,
                    $"unknown field \"{key}\"{Spelling.DidYouMean(key, known)}", keyNode);
                unknown++;
                continue;
            }
            lines[at] = (int)keyNode.Start.Line;
            present[key] = value;
        }
        return new Fields(this, map, path, present, unknown);
    }

    /// <summary>A list item that must be a mapping (a null item is reported, not skipped).</summary>
    public Fields? Item(YamlNode node, string path, IReadOnlyList<string> known)
    {
        if (IsNull(node)) { WrongType(node, path, "a mapping"); return null; }
        return Object(node, path, known);
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    static readonly Regex IntText = new(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant);
    static readonly Regex FloatText = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$",
        RegexOptions.CultureInvariant);

    public string? Scalar(YamlNode node, string path)
    {
        if (node is YamlScalarNode s) return s.Value ?? "";
        WrongType(node, path, "a string");
        return null;
    }

    public long? Integer(YamlNode node, string path, long min, long max)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } v } && IntText.IsMatch(v))
        {
            if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                && n >= min && n <= max) return n;
            Report("wrong-type", path, $"{v} does not fit in an integer field", node);
            return null;
        }
        WrongType(node, path, "an integer");
        return null;
    }

    public double? Number(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } v } && FloatText.IsMatch(v)
            && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && double.IsFinite(d)) return d;
        WrongType(node, path, "a number");
        return null;
    }

    public bool? Boolean(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } v })
        {
            if (v is "true" or "True" or "TRUE") return true;
            if (v is "false" or "False" or "FALSE") return false;
        }
        WrongType(node, path, "true or false");
        return null;
    }

    public TimeSpan? Duration(YamlNode node, string path)
    {
        var text = Scalar(node, path);
        if (text is null) return null;
        var parsed = GoDuration.Parse(text);
        if (parsed.IsNone)
            Report("invalid-value", path,
                $"\"{text}\" is not a duration; write e.g. 500ms, 30s, 60m or 1h30m", node);
        return parsed.MatchUnsafe(d => (TimeSpan?)d, () => null);
    }

    /// <summary>One of <paramref name="options"/>, matched ignoring case, as spelt in options.</summary>
    public string? OneOf(YamlNode node, string path, IReadOnlyList<string> options)
    {
        var text = Scalar(node, path);
        if (text is null) return null;
        var match = options.FirstOrDefault(o => string.Equals(o, text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
            Report("invalid-value", path,
                $"\"{text}\" is not one of {string.Join(", ", options)}{Spelling.DidYouMean(text, options)}", node);
        return match;
    }

    /// <summary>A string→string map (labels, selectors); scalar values are taken as written.</summary>
    public Map<string, string> StringMap(YamlNode node, string path)
    {
        if (IsNull(node)) return Map<string, string>();
        if (node is not YamlMappingNode map) { WrongType(node, path, "a mapping of strings"); return Map<string, string>(); }
        var result = Map<string, string>();
        foreach (var (k, v) in map.Children)
        {
            if (k is not YamlScalarNode { Value: { } key }) { WrongType(k, path, "a string key"); continue; }
            if (v is not YamlScalarNode value) { WrongType(v, Join(path, key), "a string"); continue; }
            result = result.AddOrUpdate(key, IsNull(value) ? "" : value.Value ?? "");
        }
        return result;
    }

    /// <summary>A label selector, canonical or shorthand (<see cref="SelectorReader"/>).</summary>
    public LabelSelector Selector(YamlNode node, string path) =>
        SelectorReader.Read(node, path, new SelectorReader.Sink(
            (code, at, message, n) => Report(code, at, message, n),
            (at, n) => Remember(at, n)));

    /// <summary>List items with their paths (<c>path[i]</c>); absent or null is an empty list.</summary>
    public IEnumerable<(YamlNode Node, string Path)> Items(YamlNode? node, string path)
    {
        if (IsNull(node)) return [];
        if (node is not YamlSequenceNode seq) { WrongType(node!, path, "a list"); return []; }
        var items = seq.Children.Select((n, i) => (Node: n, Path: $"{path}[{i}]")).ToList();
        foreach (var (n, p) in items) Remember(p, n);
        return items;
    }
    /// <summary>The line where the last event YamlDotNet could parse ends, if any.</summary>
    private static int? LastWellFormedLine(string text)
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(text));
        int? line = null;
        try
        {
            while (parser.MoveNext())
                if (parser.Current is { } current) line = (int)current.End.Line;
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
        {
            // The point of the exercise: stop where it breaks.
        }
        return line;
    }
}

/// <summary>The known, present fields of one mapping, with typed getters that report problems.</summary>
internal sealed class Fields(ManifestReader reader, YamlMappingNode map, string path, Dictionary<string, YamlNode> present, int unknown = 0)
{
    /// <summary>Whether the mapping had keys that were reported as unknown.</summary>
    public bool HadUnknownFields => unknown > 0;

    public string Path => path;

    public string At(string key) => ManifestReader.Join(path, key);

    /// <summary>The value node, or null when absent or null.</summary>
    public YamlNode? this[string key] =>
        present.TryGetValue(key, out var v) && !ManifestReader.IsNull(v) ? v : null;

    public bool Has(string key) => this[key] is not null;

    public YamlNode? Need(string key)
    {
        var node = this[key];
        if (node is null) reader.ReportMissing(path, key, map);
        return node;
    }

    public string? String(string key, bool required = false) =>
        (required ? Need(key) : this[key]) is { } n ? reader.Scalar(n, At(key)) : null;

    public long? Integer(string key, long min = int.MinValue, long max = int.MaxValue, bool required = false) =>
        (required ? Need(key) : this[key]) is { } n ? reader.Integer(n, At(key), min, max) : null;

    public double? Number(string key) => this[key] is { } n ? reader.Number(n, At(key)) : null;

    public bool? Boolean(string key) => this[key] is { } n ? reader.Boolean(n, At(key)) : null;

    public TimeSpan? Duration(string key) => this[key] is { } n ? reader.Duration(n, At(key)) : null;

    public string? OneOf(string key, IReadOnlyList<string> options) =>
        this[key] is { } n ? reader.OneOf(n, At(key), options) : null;

    public Map<string, string> StringMap(string key) =>
        this[key] is { } n ? reader.StringMap(n, At(key)) : Map<string, string>();

    public LabelSelector Selector(string key) =>
        this[key] is { } n ? reader.Selector(n, At(key)) : LabelSelector.Everything;

    public Fields? Object(string key, IReadOnlyList<string> known, bool required = false) =>
        (required ? Need(key) : this[key]) is { } n ? reader.Object(n, At(key), known) : null;

    public IEnumerable<(YamlNode Node, string Path)> Items(string key) => reader.Items(this[key], At(key));
}
