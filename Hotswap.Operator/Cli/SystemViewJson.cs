using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hotswap.Operator.Cli;

/// <summary>
/// <c>hotswap get -o json</c>: the view as one JSON document, fields in a fixed order and no
/// value that depends on when it was printed, so the same objects give the same bytes.
/// </summary>
public static class SystemViewJson
{
    public static string Write(SystemView v)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("namespace", v.Namespace);
            w.WriteString("name", v.Name);
            w.WriteNumber("generation", v.Generation);
            if (v.ObservedGeneration is { } g) w.WriteNumber("observedGeneration", g);
            else w.WriteNull("observedGeneration");
            w.WriteString("phase", v.Phase);
            w.WriteString("message", v.Message);
            w.WriteString("progress", v.Progress);
            OptionalTime(w, "deletionRequested", v.DeletionRequested);
            OptionalString(w, "lastFailure", v.LastFailure);
            Strings(w, "problems", v.Problems);
            w.WriteStartArray("conditions");
            foreach (var c in v.Conditions)
            {
                w.WriteStartObject();
                w.WriteString("type", c.Type);
                w.WriteString("status", c.Status);
                w.WriteString("reason", c.Reason);
                w.WriteString("message", c.Message);
                w.WriteString("lastTransitionTime", Clock.Exact(c.LastTransitionTime));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("applications");
            foreach (var a in v.Applications) Application(w, a);
            w.WriteEndArray();
            w.WriteStartArray("events");
            foreach (var e in v.Events)
            {
                w.WriteStartObject();
                w.WriteString("time", Clock.Exact(e.LastTime));
                w.WriteString("type", e.Type);
                w.WriteString("reason", e.Reason);
                w.WriteString("object", $"{e.Kind}/{e.Name}");
                w.WriteString("note", e.Note);
                w.WriteNumber("count", e.Count);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Application(Utf8JsonWriter w, ApplicationView a)
    {
        w.WriteStartObject();
        w.WriteString("name", a.Name);
        w.WriteString("phase", a.Phase);
        w.WriteString("message", a.Message);
        w.WriteNumber("step", a.Step);
        w.WriteNumber("steps", a.Steps);
        w.WriteString("waitingFor", a.WaitingFor);
        OptionalTime(w, "waitingSince", a.WaitingSince);
        OptionalString(w, "lastFailure", a.LastFailure);
        w.WriteBoolean("paused", a.Paused);
        w.WriteStartArray("pendingRequests");
        foreach (var r in a.Requests)
        {
            w.WriteStartObject();
            w.WriteString("kind", r.Kind);
            w.WriteString("at", Clock.Exact(r.At));
            w.WriteString("detail", r.Detail);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (a.Weights is { } weights)
        {
            w.WriteStartObject("weights");
            if (weights.Priority is { } p) w.WriteNumber("priority", p);
            w.WriteNumber("total", weights.Total);
            w.WriteStartArray("targetGroups");
            foreach (var t in weights.TargetGroups)
            {
                w.WriteStartObject();
                w.WriteString("name", t.Name);
                w.WriteString("arn", t.Arn);
                w.WriteNumber("weight", t.Weight);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        else w.WriteNull("weights");
        w.WriteStartArray("checks");
        foreach (var c in a.Checks)
        {
            w.WriteStartObject();
            w.WriteString("object", c.Object);
            w.WriteString("check", c.Check);
            OptionalString(w, "cluster", c.Cluster);
            w.WriteBoolean("suspended", c.Suspended);
            w.WriteString("result", c.Result);
            OptionalNumber(w, "value", c.Value);
            OptionalTime(w, "at", c.At);
            OptionalNumber(w, "min", c.Min);
            OptionalNumber(w, "max", c.Max);
            w.WriteString("message", c.Message);
            w.WriteNumber("passed", c.Passed);
            w.WriteNumber("failed", c.Failed);
            w.WriteNumber("inconclusive", c.Inconclusive);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (a.Members is { } m)
        {
            w.WriteStartObject("members");
            w.WriteString("set", m.Set);
            w.WriteString("phase", m.Phase);
            w.WriteString("message", m.Message);
            w.WriteStartArray("clusters");
            foreach (var x in m.Members)
            {
                w.WriteStartObject();
                w.WriteString("cluster", x.Cluster);
                w.WriteBoolean("deployed", x.Deployed);
                w.WriteString("change", x.Change);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        else w.WriteNull("members");
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var s in values) w.WriteStringValue(s);
        w.WriteEndArray();
    }

    private static void OptionalString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    private static void OptionalNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void OptionalTime(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } t) w.WriteString(name, Clock.Exact(t));
        else w.WriteNull(name);
    }
}
