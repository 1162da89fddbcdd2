using System.Text.RegularExpressions;
using Hotswap.Core.Spec;

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

    static readonly Regex Placeholder = new(
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
    public static string Render(string template, Func<string, Option<string>> lookup) =>
        !template.Contains("{{", StringComparison.Ordinal)
            ? template
            : Placeholder.Replace(template, m => lookup(m.Groups[1].Value).IfNone(m.Value));

    static SpecError Malformed(string path, string what) =>
        new("malformed-template", path, what);
}
