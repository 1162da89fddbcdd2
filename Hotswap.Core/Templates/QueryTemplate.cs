using System.Text.RegularExpressions;
using Hotswap.Core.Spec;
using LanguageExt.UnsafeValueAccess;

namespace Hotswap.Core.Templates;

/// <summary>
/// Check query templates in SEED.md's syntax: <c>{{.Vars.NAME}}</c>, spaces allowed inside the
/// braces (<c>{{ .Vars.NAME }}</c>). Nothing else is template syntax, so the single braces of a
/// Datadog or Prometheus query pass through untouched.
/// </summary>
/// <example>
/// <code>
/// var q = "sum:trace.http.request.errors{cluster:{{.Vars.clusterName}}}.as_rate()";
/// QueryTemplate.Variables(q, "checks[0].analysis.query")   // Success(["clusterName"])
/// QueryTemplate.Render(q, HashMap(("clusterName", "mycluster-web-1-v2")))
///   // "sum:trace.http.request.errors{cluster:mycluster-web-1-v2}.as_rate()"
/// </code>
/// In <c>{cluster:{{.Vars.clusterName}}}</c> the placeholder ends at the first <c>}}</c>; the
/// third brace is the query's own.
/// </example>
public static class QueryTemplate
{
    /// <summary>The names a query may use, in the order the docs list them.</summary>
    public static readonly Seq<string> KnownVariables = Seq(
        "systemName", "applicationName", "clusterName", "eksClusterName",
        "albListenerARN", "targetGroupARN");

    /// <summary>The variables that only have a value when the application has <c>alb</c>.</summary>
    public static readonly Seq<string> AlbVariables = Seq("albListenerARN", "targetGroupARN");

    /// <summary>
    /// One placeholder, as a regular expression: what <see cref="Render(string, Func{string, Option{string}})"/>
    /// replaces, leftmost first, without overlaps.
    /// </summary>
    public static readonly Regex Placeholder = new(
        @"\{\{\s*\.Vars\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}", RegexOptions.CultureInvariant);

    static readonly Regex Inner = new(
        @"^\s*\.Vars\.([A-Za-z_][A-Za-z0-9_]*)\s*$", RegexOptions.CultureInvariant);

    /// <summary>
    /// The variable names used, in order of appearance with repeats removed; fails with
    /// <c>malformed-template</c> for a <c>{{</c> without <c>}}</c> or a placeholder that is not
    /// <c>.Vars.NAME</c>. Whether the names are known is the validator's business.
    /// </summary>
    public static Validation<SpecError, Seq<string>> Variables(string template, string path)
    {
        var names = new List<string>();
        var errors = new List<SpecError>();
        var at = 0;
        while ((at = template.IndexOf("{{", at, StringComparison.Ordinal)) >= 0)
        {
            var end = template.IndexOf("}}", at + 2, StringComparison.Ordinal);
            if (end < 0)
            {
                errors.Add(Malformed(path, $"\"{{{{\" at offset {at} is never closed with \"}}}}\""));
                break;
            }
            var inner = template[(at + 2)..end];
            var m = Inner.Match(inner);
            if (m.Success) { if (!names.Contains(m.Groups[1].Value)) names.Add(m.Groups[1].Value); }
            else errors.Add(Malformed(path, $"\"{{{{{inner}}}}}\" is not a variable; write {{{{.Vars.NAME}}}}"));
            at = end + 2;
        }
        return errors.Count == 0
            ? Success<SpecError, Seq<string>>(toSeq(names))
            : Fail<SpecError, Seq<string>>(toSeq(errors));
    }

    /// <summary>
    /// Replaces every <c>{{.Vars.NAME}}</c> with <c>vars[NAME]</c>. Total: a placeholder whose
    /// name is not in <paramref name="vars"/> stays as written (validation rejects unknown names
    /// before anything is rendered).
    /// </summary>
    public static string Render(string template, HashMap<string, string> vars) =>
        Render(template, name => vars.Find(name));

    /// <summary>
    /// The same, with variables looked up by a function: the planner renders one query per
    /// cluster and need not build a map for each. A placeholder whose name the function does not
    /// know is left as it is.
    /// </summary>
    public static string Render(string template, Func<string, Option<string>> lookup)
    {
        // A scan that matches exactly what Placeholder matches (leftmost, non-overlapping), without
        // the regex machinery: the planner renders every check's query for every cluster in
        // every decision.
        var at = template.IndexOf("{{", StringComparison.Ordinal);
        if (at < 0) return template;
        var rendered = new System.Text.StringBuilder(template.Length + 64);
        var copied = 0;
        while (at >= 0)
        {
            if (!IsPlaceholder(template, at, out var end, out var name))
            {
                at = template.IndexOf("{{", at + 1, StringComparison.Ordinal);
                continue;
            }
            rendered.Append(template, copied, at - copied);
            var value = lookup(name);
            if (value.IsSome) rendered.Append(value.ValueUnsafe());
            else rendered.Append(template, at, end - at);
            copied = end;
            at = template.IndexOf("{{", end, StringComparison.Ordinal);
        }
        return rendered.Append(template, copied, template.Length - copied).ToString();
    }

    /// <summary>
    /// Whether <c>{{ .Vars.NAME }}</c> starts at <paramref name="at"/> (as <see cref="Placeholder"/>
    /// reads it: white space as <c>\s</c>, NAME as <c>[A-Za-z_][A-Za-z0-9_]*</c>); where it ends and the NAME.
    /// </summary>
    private static bool IsPlaceholder(string s, int at, out int end, out string name)
    {
        end = 0;
        name = "";
        var i = at + 2;
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        if (string.CompareOrdinal(s, i, ".Vars.", 0, 6) != 0) return false;
        i += 6;
        var start = i;
        if (i >= s.Length || !(char.IsAsciiLetter(s[i]) || s[i] == '_')) return false;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_')) i++;
        var length = i - start;
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        if (string.CompareOrdinal(s, i, "}}", 0, 2) != 0) return false;
        end = i + 2;
        name = s.Substring(start, length);
        return true;
    }

    static SpecError Malformed(string path, string what) =>
        new("malformed-template", path, what);
}
