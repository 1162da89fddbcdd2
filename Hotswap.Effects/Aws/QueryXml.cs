using System.Globalization;
using System.Xml.Linq;

namespace Hotswap.Effects.Aws;

/// <summary>
/// Reading AWS Query-protocol XML: child lookup by local name, and flattening a structure back into
/// the request parameters that would recreate it (lists as "member.N", maps as "entry.N.key").
/// </summary>
public static class QueryXml
{
    public static XElement? Child(this XElement? e, string name) =>
        e?.Elements().FirstOrDefault(c => c.Name.LocalName == name);

    public static Option<string> Text(this XElement? e, string name) =>
        Optional(e.Child(name)?.Value);

    public static IEnumerable<XElement> Members(this XElement? list) =>
        list?.Elements().Where(c => c.Name.LocalName == "member") ?? [];

    public static Option<int> Int(this XElement? e, string name) =>
        e.Text(name).Bind(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? Some(n) : None);

    /// <summary>
    /// Parameters recreating <paramref name="e"/>'s children except <paramref name="skip"/>:
    /// &lt;AuthenticateOidcConfig&gt;&lt;Issuer&gt;x&lt;/Issuer&gt;&lt;/AuthenticateOidcConfig&gt; → ("AuthenticateOidcConfig.Issuer", "x").
    /// </summary>
    public static Map<string, string> Flatten(XElement e, params string[] skip)
    {
        var result = new List<(string, string)>();
        foreach (var c in e.Elements().Where(c => !skip.Contains(c.Name.LocalName)))
            Flatten(c, c.Name.LocalName, result);
        return toMap(result);
    }

    private static void Flatten(XElement e, string path, List<(string, string)> into)
    {
        if (!e.HasElements)
        {
            into.Add((path, e.Value));
            return;
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in e.Elements())
        {
            var name = c.Name.LocalName;
            var segment = name is "member" or "entry"
                ? $"{name}.{counts[name] = counts.GetValueOrDefault(name) + 1}"
                : name;
            Flatten(c, $"{path}.{segment}", into);
        }
    }
}
