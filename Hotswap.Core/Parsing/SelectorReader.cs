using Hotswap.Core.Spec;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hotswap.Core.Parsing;

/// <summary>
/// Reads a label selector in either of its two written forms: the canonical Kubernetes one,
/// <c>{matchLabels: {app: api}, matchExpressions: [{key: tier, operator: In, values: [a]}]}</c>,
/// or SEED.md's flat shorthand <c>{role: web}</c>, which means <c>{matchLabels: {role: web}}</c>.
/// The two forms do not mix in one selector. Shape problems are reported with their path and
/// node; the rules about values (In needs values, Exists takes none) are validation's
/// (<see cref="Validation.SystemValidation.SelectorsAreWellFormed"/>), so a selector built in
/// code is checked the same way.
/// </summary>
internal static class SelectorReader
{
    public const string MatchLabels = "matchLabels";
    public const string MatchExpressions = "matchExpressions";
    public static readonly string[] Fields = Schema.SystemSchema.Selector.Names;
    public static readonly string[] RequirementFields = Schema.SystemSchema.Selector.Child(MatchExpressions).Names;
    public static readonly string[] Operators = ((Schema.SchemaNode.String)Schema.SystemSchema.Selector
        .Child(MatchExpressions)["operator"].Shape).Enum.ToArray();

    /// <summary>Where a reader sends what it finds: problems, and the line of each path.</summary>
    public sealed record Sink(Action<string, string, string, YamlNode> Report, Action<string, YamlNode> Remember);

    public static LabelSelector Read(YamlNode? node, string path, Sink sink)
    {
        if (node is null || IsNull(node)) return LabelSelector.Everything;
        if (node is not YamlMappingNode map)
        {
            sink.Report("wrong-type", path, $"expected a label selector (a mapping), got {Describe(node)}{ScalarHint(node)}", node);
            return LabelSelector.Everything;
        }
        sink.Remember(path, map);
        var flat = new List<(string Key, YamlNode KeyNode, YamlNode Value)>();
        YamlNode? labels = null, expressions = null;
        foreach (var (k, v) in map.Children)
        {
            if (k is not YamlScalarNode { Value: { } key })
            {
                sink.Report("wrong-type", path, "expected a field name or label key, got " + Describe(k), k);
                continue;
            }
            sink.Remember(Join(path, key), k);
            if (key == MatchLabels) labels = v;
            else if (key == MatchExpressions) expressions = v;
            else if (v is YamlScalarNode) flat.Add((key, k, v));
            else
                sink.Report(Spelling.Nearest(key, Fields).IsSome ? "unknown-field" : "wrong-type", Join(path, key),
                    Spelling.Nearest(key, Fields).Match(
                        n => $"unknown field \"{key}\"; did you mean \"{n}\"?",
                        () => $"expected a label value (a string), got {Describe(v)}; a selector is " +
                              "{matchLabels: {…}, matchExpressions: […]} or the shorthand {label: value}"), k);
        }
        if (flat.Count > 0 && (labels is not null || expressions is not null))
        {
            foreach (var (key, keyNode, _) in flat)
                sink.Report("mixed-selector", Join(path, key),
                    $"\"{key}\" is written as a shorthand label beside {(labels is not null ? MatchLabels : MatchExpressions)}; " +
                    $"move it under {MatchLabels} (the shorthand {{label: value}} stands alone)", keyNode);
            flat.Clear();
        }
        var matchLabels = flat.Count > 0
            ? toMap(flat.Select(f => (f.Key, Text(f.Value))))
            : Labels(labels, Join(path, MatchLabels), sink);
        var matchExpressions = Requirements(expressions, Join(path, MatchExpressions), sink);
        return new LabelSelector(matchLabels, matchExpressions);
    }

    static Map<string, string> Labels(YamlNode? node, string path, Sink sink)
    {
        if (node is null || IsNull(node)) return Map<string, string>();
        if (node is not YamlMappingNode map)
        {
            sink.Report("wrong-type", path, $"expected a mapping of labels, got {Describe(node)}", node);
            return Map<string, string>();
        }
        var result = Map<string, string>();
        foreach (var (k, v) in map.Children)
        {
            if (k is not YamlScalarNode { Value: { } key }) { sink.Report("wrong-type", path, "expected a label key", k); continue; }
            sink.Remember(Join(path, key), k);
            if (v is not YamlScalarNode) { sink.Report("wrong-type", Join(path, key), $"expected a string, got {Describe(v)}", v); continue; }
            result = result.AddOrUpdate(key, Text(v));
        }
        return result;
    }

    static Seq<LabelSelectorRequirement> Requirements(YamlNode? node, string path, Sink sink)
    {
        if (node is null || IsNull(node)) return Seq<LabelSelectorRequirement>();
        if (node is not YamlSequenceNode seq)
        {
            sink.Report("wrong-type", path, $"expected a list of requirements ({{key, operator, values}}), got {Describe(node)}", node);
            return Seq<LabelSelectorRequirement>();
        }
        return seq.Children.Select((item, i) => Requirement(item, $"{path}[{i}]", sink)).Somes().ToSeq().Strict();
    }

    static Option<LabelSelectorRequirement> Requirement(YamlNode node, string path, Sink sink)
    {
        sink.Remember(path, node);
        if (node is not YamlMappingNode map)
        {
            sink.Report("wrong-type", path, $"expected a requirement {{key, operator, values}}, got {Describe(node)}", node);
            return None;
        }
        string? key = null;
        SelectorOperator? op = null;
        var values = Seq<string>();
        var ok = true;
        foreach (var (k, v) in map.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            var at = Join(path, name);
            sink.Remember(at, k);
            switch (name)
            {
                case "key" when v is YamlScalarNode s && !IsNull(s):
                    key = s.Value ?? "";
                    break;
                case "operator" when v is YamlScalarNode { Value: { } text } && !IsNull(v):
                    if (Enum.TryParse<SelectorOperator>(text, ignoreCase: false, out var parsed) && Operators.Contains(text))
                        op = parsed;
                    else
                    {
                        sink.Report("invalid-value", at,
                            $"\"{text}\" is not one of {string.Join(", ", Operators)}{Spelling.DidYouMean(text, Operators)}", v);
                        ok = false;
                    }
                    break;
                case "values":
                    values = Values(v, at, sink, ref ok);
                    break;
                case "key" or "operator":
                    if (!IsNull(v)) { sink.Report("wrong-type", at, $"expected a string, got {Describe(v)}", v); ok = false; }
                    break;
                default:
                    sink.Report("unknown-field", at, $"unknown field \"{name}\"{Spelling.DidYouMean(name, RequirementFields)}", k);
                    ok = false;
                    break;
            }
        }
        if (key is null) { sink.Report("missing-field", Join(path, "key"), "key is required", map); ok = false; }
        if (op is null && ok) { sink.Report("missing-field", Join(path, "operator"), $"operator is required: one of {string.Join(", ", Operators)}", map); ok = false; }
        return ok && key is not null && op is { } o ? Some(new LabelSelectorRequirement(key, o, values)) : None;
    }

    static Seq<string> Values(YamlNode node, string path, Sink sink, ref bool ok)
    {
        if (IsNull(node)) return Seq<string>();
        if (node is not YamlSequenceNode seq)
        {
            sink.Report("wrong-type", path, $"expected a list of strings, got {Describe(node)}", node);
            ok = false;
            return Seq<string>();
        }
        var result = new List<string>();
        foreach (var (item, i) in seq.Children.Select((n, i) => (n, i)))
        {
            if (item is YamlScalarNode s) result.Add(Text(s));
            else { sink.Report("wrong-type", $"{path}[{i}]", $"expected a string, got {Describe(item)}", item); ok = false; }
        }
        return result.ToSeq();
    }

    /// <summary>For a kubectl-style string, the mapping to write instead.</summary>
    static string ScalarHint(YamlNode node)
    {
        if (node is not YamlScalarNode { Value: { } text } || IsNull(node)) return "";
        var pairs = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries)).ToList();
        return pairs.Count > 0 && pairs.TrueForAll(p => p.Length == 2 && p[0].Length > 0)
            ? $"; write {{{MatchLabels}: {{{string.Join(", ", pairs.Select(p => $"{p[0]}: {p[1]}"))}}}}}"
            : $"; write e.g. {{{MatchLabels}: {{app: web}}}}";
    }

    static string Text(YamlNode node) => IsNull(node) ? "" : (node as YamlScalarNode)?.Value ?? "";

    static bool IsNull(YamlNode node) => ManifestReader.IsNull(node);

    static string Describe(YamlNode node) => ManifestReader.Describe(node);

    static string Join(string path, string key) => ManifestReader.Join(path, key);
}
