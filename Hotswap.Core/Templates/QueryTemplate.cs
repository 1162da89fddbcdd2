using System.Text.RegularExpressions;

namespace Hotswap.Core.Templates;

/// <summary>Renders SEED.md's <c>{{.Vars.NAME}}</c> placeholders in check queries.</summary>
public static partial class QueryTemplate
{
    public static readonly Seq<string> KnownVariables = Seq(
        "systemName", "applicationName", "clusterName", "eksClusterName", "albListenerARN", "targetGroupARN");

    /// <summary>"err{cluster:{{.Vars.clusterName}}}" with clusterName=web-1 → "err{cluster:web-1}".</summary>
    public static string Render(string template, HashMap<string, string> vars) =>
        Placeholder().Replace(template, m => vars.Find(m.Groups[1].Value).IfNone(m.Value));

    [GeneratedRegex(@"\{\{\s*\.Vars\.([A-Za-z0-9_]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
