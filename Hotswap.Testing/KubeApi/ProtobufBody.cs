using System.Text;
using System.Text.Json.Nodes;

namespace Hotswap.Testing.KubeApi;

/// <summary>
/// Decodes the protobuf bodies kubectl's imperative commands send (<c>kubectl create namespace</c>,
/// <c>create secret</c>, <c>create configmap</c>, <c>create serviceaccount</c>) into JSON: the
/// "k8s\0" envelope, runtime.Unknown, and the fields of those kinds and of ObjectMeta that a
/// create carries. Other kinds are a 415 asking for JSON.
/// </summary>
public static class ProtobufBody
{
    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    public static JsonObject Decode(byte[] body)
    {
        if (body.Length < 4 || !body.AsSpan(0, 4).SequenceEqual(Magic))
            throw KubeStatus.BadRequest("the protobuf body does not start with the k8s envelope");
        string apiVersion = "", kind = "";
        byte[] raw = [];
        foreach (var (field, value) in Fields(body[4..]))
        {
            if (field == 1)
                foreach (var (f, v) in Fields(value))
                {
                    if (f == 1) apiVersion = Text(v);
                    if (f == 2) kind = Text(v);
                }
            if (field == 2) raw = value;
        }
        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        foreach (var (field, value) in Fields(raw))
        {
            if (field == 1) { obj["metadata"] = Meta(value); continue; }
            switch (kind, field)
            {
                case ("Secret", 2): Map(obj, "data", value, v => Convert.ToBase64String(v)); break;
                case ("Secret", 3): obj["type"] = Text(value); break;
                case ("Secret", 4): Map(obj, "stringData", value, Text); break;
                case ("ConfigMap", 2): Map(obj, "data", value, Text); break;
                case ("ConfigMap", 3): Map(obj, "binaryData", value, v => Convert.ToBase64String(v)); break;
                case ("Namespace", 2):
                    obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray(Fields(value).Where(f => f.Field == 1).Select(f => (JsonNode)Text(f.Value)).ToArray()) };
                    break;
                case ("Namespace" or "ServiceAccount", _): break;
                default:
                    throw new KubeStatus(415, "UnsupportedMediaType",
                        $"this test API server decodes protobuf only for Namespace, Secret, ConfigMap and ServiceAccount, not {kind}; send JSON (kubectl create -f / apply -f)");
            }
        }
        return obj;
    }

    private static JsonObject Meta(byte[] bytes)
    {
        var meta = new JsonObject();
        foreach (var (field, value) in Fields(bytes).Where(f => f.Value.Length > 0))
            switch (field)
            {
                case 1: meta["name"] = Text(value); break;
                case 2: meta["generateName"] = Text(value); break;
                case 3: meta["namespace"] = Text(value); break;
                case 11: Map(meta, "labels", value, Text); break;
                case 12: Map(meta, "annotations", value, Text); break;
                case 14: (meta["finalizers"] as JsonArray ?? (JsonArray)(meta["finalizers"] = new JsonArray())).Add(Text(value)); break;
            }
        return meta;
    }

    private static void Map(JsonObject parent, string name, byte[] entry, Func<byte[], string> value)
    {
        var map = parent[name] as JsonObject ?? (JsonObject)(parent[name] = new JsonObject());
        string key = "", text = value([]);
        foreach (var (f, v) in Fields(entry))
        {
            if (f == 1) key = Text(v);
            if (f == 2) text = value(v);
        }
        map[key] = text;
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>The length-delimited fields of a message (varints are skipped: none carry what a create needs).</summary>
    private static IEnumerable<(int Field, byte[] Value)> Fields(byte[] message)
    {
        var i = 0;
        while (i < message.Length)
        {
            var key = Varint(message, ref i);
            var field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0: Varint(message, ref i); break;
                case 1: i += 8; break;
                case 5: i += 4; break;
                case 2:
                    var length = (int)Varint(message, ref i);
                    yield return (field, message[i..(i + length)]);
                    i += length;
                    break;
                default: throw KubeStatus.BadRequest($"unsupported protobuf wire type {key & 7}");
            }
        }
    }

    private static ulong Varint(byte[] bytes, ref int i)
    {
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[i++];
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return result;
        }
    }
}
