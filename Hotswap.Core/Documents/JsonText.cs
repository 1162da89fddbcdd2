using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hotswap.Core.Documents;

/// <summary>
/// Writes a <see cref="DocNode"/> as indented JSON: keys in the node's order, absent values as
/// null, "\n" line ends on every platform, and no escaping of characters that need none
/// (an offset's "+" stays "+"), so the same plan is the same bytes everywhere.
/// </summary>
internal static class JsonText
{
    public static string Write(DocNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            Emit(writer, node);
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Emit(Utf8JsonWriter writer, DocNode node)
    {
        switch (node)
        {
            case DocNode.Map m:
                writer.WriteStartObject();
                foreach (var (key, value) in m.Entries)
                {
                    writer.WritePropertyName(key);
                    Emit(writer, value);
                }
                writer.WriteEndObject();
                break;
            case DocNode.List l:
                writer.WriteStartArray();
                foreach (var item in l.Items) Emit(writer, item);
                writer.WriteEndArray();
                break;
            case DocNode.Text t:
                writer.WriteStringValue(t.Value);
                break;
            case DocNode.Number n:
                writer.WriteRawValue(n.Literal, skipInputValidation: false);
                break;
            case DocNode.Bool b:
                writer.WriteBooleanValue(b.Value);
                break;
            case DocNode.Null:
                writer.WriteNullValue();
                break;
        }
    }
}
