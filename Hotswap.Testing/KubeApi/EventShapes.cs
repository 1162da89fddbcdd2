using System.Text.Json.Nodes;

namespace Hotswap.Testing.KubeApi;

/// <summary>
/// core/v1 and events.k8s.io/v1 Events are one collection on a real cluster, seen in two shapes.
/// They are stored in the core shape; these rename the fields each way
/// (note ↔ message, regarding ↔ involvedObject, reportingController ↔ reportingComponent,
/// deprecatedSource/FirstTimestamp/LastTimestamp/Count ↔ source/firstTimestamp/lastTimestamp/count).
/// </summary>
public static class EventShapes
{
    private static readonly (string Events, string Core)[] Renames =
    [
        ("note", "message"), ("regarding", "involvedObject"), ("reportingController", "reportingComponent"),
        ("deprecatedSource", "source"), ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"), ("deprecatedCount", "count"),
    ];

    public static bool IsEventsV1(ResourceType type) => type.Group == "events.k8s.io" && type.Kind == "Event";

    public static JsonObject ToCore(JsonObject obj) => Rename(obj, Renames.Select(r => (r.Events, r.Core)), "v1");

    public static JsonObject FromCore(JsonObject obj) => Rename(obj, Renames.Select(r => (r.Core, r.Events)), "events.k8s.io/v1");

    private static JsonObject Rename(JsonObject obj, IEnumerable<(string From, string To)> renames, string apiVersion)
    {
        var copy = (JsonObject)obj.DeepClone();
        foreach (var (from, to) in renames)
            if (copy.Remove(from, out var value)) copy[to] = value;
        copy["apiVersion"] = apiVersion;
        return copy;
    }
}
