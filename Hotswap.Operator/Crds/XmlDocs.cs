using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Hotswap.Core.Schema;

namespace Hotswap.Operator.Crds;

/// <summary>
/// The doc comments of Hotswap.Core, read from the XML documentation file the build writes
/// beside Hotswap.Core.dll, as plain one-paragraph text for CRD descriptions.
/// </summary>
public sealed class XmlDocs(IReadOnlyDictionary<string, XElement> members)
{
    /// <summary>Hotswap.Core.xml next to the loaded Hotswap.Core assembly.</summary>
    public static XmlDocs ForCore()
    {
        var dll = typeof(SystemSchema).Assembly.Location;
        var xml = Path.ChangeExtension(dll, ".xml");
        if (!File.Exists(xml))
            throw new FileNotFoundException($"{xml} is missing; Hotswap.Core builds it (GenerateDocumentationFile)", xml);
        return Parse(File.ReadAllText(xml));
    }

    public static XmlDocs Parse(string xml) =>
        new(XDocument.Parse(xml).Descendants("member")
            .Where(m => m.Attribute("name") is not null)
            .GroupBy(m => m.Attribute("name")!.Value)
            .ToDictionary(g => g.Key, g => g.First()));

    /// <summary>The text a reference points at, or "" when the comment is missing.</summary>
    public string Describe(DocRef doc)
    {
        if (doc.Type is null) return doc.Text ?? "";
        if (doc.MemberId is not { } id || !members.TryGetValue(id, out var member)) return "";
        var element = doc.Param is null
            ? member.Element("summary")
            : member.Elements("param").FirstOrDefault(p => p.Attribute("name")?.Value == doc.Param)
              ?? PropertySummary(doc);
        return element is null ? "" : Text(element);
    }

    private XElement? PropertySummary(DocRef doc) =>
        members.TryGetValue($"P:{doc.MemberId![2..]}.{doc.Param}", out var p) ? p.Element("summary") : null;

    /// <summary>Inner text with <c>see</c>/<c>paramref</c> as names and whitespace collapsed.</summary>
    private static string Text(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
            text.Append(node switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "see" or "seealso" } e =>
                    e.Attribute("cref")?.Value.Split('.', ':').Last() ?? e.Attribute("langword")?.Value ?? e.Value,
                XElement { Name.LocalName: "paramref" or "typeparamref" } e => e.Attribute("name")?.Value ?? "",
                XElement e => Text(e),
                _ => "",
            });
        return Regex.Replace(text.ToString(), @"\s+", " ").Trim();
    }
}
