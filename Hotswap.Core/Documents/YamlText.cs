using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Hotswap.Core.Documents;

/// <summary>
/// Writes a <see cref="DocNode"/> as block YAML. Absent values and empty collections are left
/// out (the reader's defaults bring them back); strings a YAML reader would take for a null, a
/// boolean or a number are double-quoted; multi-line strings are literal blocks.
/// </summary>
internal static partial class YamlText
{
    // YAML 1.1 and 1.2 core-schema plain scalars that would not read back as strings.
    [GeneratedRegex(@"^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(\.[0-9]+|[0-9][0-9_,:]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+)$")]
    private static partial Regex LooksLikeNonString();

    public static string Write(DocNode node, IEnumerable<string> headerComments)
    {
        using var text = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(text, new EmitterSettings(2, 10_000, false, 10_000, newLine: "\n"));
        emitter.Emit(new StreamStart());
        foreach (var line in headerComments) emitter.Emit(new Comment(line, false));
        emitter.Emit(new DocumentStart(null, null, true));
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return text.ToString().Replace("\r\n", "\n");
    }

    private static bool Omitted(DocNode node) => node switch
    {
        DocNode.Null => true,
        DocNode.List l => l.Items.Count == 0 && !l.KeepEmpty,
        DocNode.Map m => m.Entries.Count == 0 && !m.KeepEmpty,
        _ => false,
    };

    private static void Emit(IEmitter emitter, DocNode node)
    {
        switch (node)
        {
            case DocNode.Map m:
                var fields = m.Entries.Where(f => !Omitted(f.Value)).ToArray();
                emitter.Emit(new MappingStart(null, null, true,
                    fields.Length == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var f in fields)
                {
                    emitter.Emit(StringScalar(f.Key));
                    Emit(emitter, f.Value);
                }
                emitter.Emit(new MappingEnd());
                break;
            case DocNode.List l:
                emitter.Emit(new SequenceStart(null, null, true,
                    l.Items.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in l.Items) Emit(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            case DocNode.Text t:
                emitter.Emit(StringScalar(t.Value));
                break;
            case DocNode.Number n:
                emitter.Emit(Plain(n.Literal));
                break;
            case DocNode.Bool b:
                emitter.Emit(Plain(b.Value ? "true" : "false"));
                break;
            case DocNode.Null:
                emitter.Emit(Plain("null"));
                break;
        }
    }

    private static Scalar Plain(string value) =>
        new(null, null, value, ScalarStyle.Plain, true, false);

    private static Scalar StringScalar(string value)
    {
        var style =
            value.Length == 0 || LooksLikeNonString().IsMatch(value) ? ScalarStyle.DoubleQuoted
            : value.Contains('\n') ? ScalarStyle.Literal
            : ScalarStyle.Any;
        return new Scalar(null, null, value, style, true, true);
    }
}
