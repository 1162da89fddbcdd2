using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hotswap.Core.Parsing;

/// <summary>
/// A YAML subtree as canonical JSON: object keys sorted ordinally, no whitespace, so equal
/// templates give equal strings (and equal hashes). Plain scalars that read as YAML 1.2 core
/// ints, floats, bools or null become JSON numbers, bools and null; quoted scalars stay strings.
/// <c>{b: "1", a: [true, 2.5, x]}</c> → <c>{"a":[true,2.5,"x"],"b":"1"}</c>.
/// </summary>
internal static class CanonicalJson
{
    static readonly Regex Int = new(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant);
    static readonly Regex Float = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$",
        RegexOptions.CultureInvariant);

    static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // readable; never embedded in HTML
        MaxDepth = 4096,
    };

    public static string Write(YamlNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options)) Write(writer, node);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    static void Write(Utf8JsonWriter w, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                w.WriteStartObject();
                foreach (var (key, value) in map.Children
                             .Select(kv => (Key: KeyText(kv.Key), kv.Value))
                             .OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    w.WritePropertyName(key);
                    Write(w, value);
                }
                w.WriteEndObject();
                break;
            case YamlSequenceNode seq:
                w.WriteStartArray();
                foreach (var item in seq.Children) Write(w, item);
                w.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(w, scalar);
                break;
            default:
                w.WriteNullValue();
                break;
        }
    }

    static void WriteScalar(Utf8JsonWriter w, YamlScalarNode s)
    {
        var text = s.Value ?? "";
        var plain = s.Style == ScalarStyle.Plain && s.Tag.IsEmpty;
        if (!plain) { w.WriteStringValue(text); return; }
        if (ManifestReader.IsNullText(text)) w.WriteNullValue();
        else if (text is "true" or "True" or "TRUE") w.WriteBooleanValue(true);
        else if (text is "false" or "False" or "FALSE") w.WriteBooleanValue(false);
        else if (Int.IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign,
                     CultureInfo.InvariantCulture, out var l)) w.WriteNumberValue(l);
        else if (Float.IsMatch(text) && double.TryParse(text, NumberStyles.Float,
                     CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) w.WriteNumberValue(d);
        else w.WriteStringValue(text);
    }

    static string KeyText(YamlNode key) => key is YamlScalarNode s ? s.Value ?? "" : key.ToString();
}
