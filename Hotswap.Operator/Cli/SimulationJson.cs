using System.Globalization;
using System.Text;
using System.Text.Json;
using Hotswap.Core.Documents;
using Hotswap.Core.Observed;
using Hotswap.Core.Status;
using Hotswap.Effects.Simulation;
using LanguageExt;

namespace Hotswap.Operator.Cli;

/// <summary>
/// The whole simulation as indented JSON: every reconcile (simulated time, phase, each
/// application's phase, step, weights and checks, the commands executed by kind, failures,
/// crashes), the totals, the invariant violations and the final status. Deterministic: the same
/// inputs and seed give the same bytes. Times are RFC 3339 UTC, durations as in manifests ("1m30s").
/// </summary>
public static class SimulationJson
{
    public static string Write(string system, int seed, SimulationResult r)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("system", system);
            json.WriteNumber("seed", seed);
            json.WriteBoolean("converged", r.Converged);
            Nullable(json, "nonConvergence", r.NonConvergence);
            json.WriteString("finalPhase", r.FinalPhase.ToString());
            json.WriteString("simulatedDuration", Durations.Format(r.SimulatedDuration));
            json.WriteStartArray("timeline");
            foreach (var entry in r.Timeline) Entry(json, entry);
            json.WriteEndArray();
            Counts(json, r.Counts);
            json.WriteStartArray("invariantViolations");
            foreach (var v in r.InvariantViolations) json.WriteStringValue(v);
            json.WriteEndArray();
            FinalStatus(json, r.FinalStatus);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n");
    }

    private static string Time(DateTimeOffset t) =>
        t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static void Entry(Utf8JsonWriter json, TimelineEntry e)
    {
        json.WriteStartObject();
        json.WriteNumber("round", e.Round);
        json.WriteString("time", Time(e.Time));
        json.WriteString("elapsed", Durations.Format(e.Elapsed));
        json.WriteString("phase", e.Phase.ToString());
        json.WriteString("message", e.Message);
        json.WriteStartArray("applications");
        foreach (var a in e.Applications) Application(json, a);
        json.WriteEndArray();
        Kinds(json, "executed", e.Executed);
        json.WriteStartArray("failures");
        foreach (var f in e.Failures) json.WriteStringValue(f);
        json.WriteEndArray();
        json.WriteBoolean("crashed", e.Crashed);
        json.WriteEndObject();
    }

    /// <summary>The fields a timeline snapshot and the final status both have, in one order.</summary>
    private static void ApplicationFields(
        Utf8JsonWriter json, string name, ApplicationPhase phase, int step, int steps, Option<ForwardConfig> weights, string message)
    {
        json.WriteString("name", name);
        json.WriteString("phase", phase.ToString());
        json.WriteNumber("step", step);
        json.WriteNumber("steps", steps);
        Weights(json, weights);
        json.WriteString("message", message);
    }

    private static void Application(Utf8JsonWriter json, ApplicationSnapshot a)
    {
        json.WriteStartObject();
        ApplicationFields(json, a.Name, a.Phase, a.Step, a.Steps, a.Weights, a.Message);
        json.WriteStartArray("checks");
        foreach (var c in a.Checks.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("name", c.Name);
            json.WriteString("check", c.Check);
            Nullable(json, "cluster", c.Cluster);
            json.WritePropertyName("passed");
            c.LastPassed.Match(json.WriteBooleanValue, json.WriteNullValue);
            json.WritePropertyName("value");
            c.LastValue.Match(v => { if (double.IsFinite(v)) json.WriteNumberValue(v); else json.WriteStringValue(v.ToString(CultureInfo.InvariantCulture)); }, json.WriteNullValue);
            json.WriteString("message", c.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Weights(Utf8JsonWriter json, Option<ForwardConfig> weights)
    {
        json.WritePropertyName("weights");
        weights.Match(
            w =>
            {
                json.WriteStartArray();
                foreach (var t in w.TargetGroups)
                {
                    json.WriteStartObject();
                    json.WriteString("targetGroup", t.Arn);
                    json.WriteNumber("weight", t.Weight);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            },
            json.WriteNullValue);
    }

    private static void Counts(Utf8JsonWriter json, SimulationCounts c)
    {
        json.WriteStartObject("counts");
        json.WriteNumber("reconciles", c.Reconciles);
        Kinds(json, "reconcilesByKind", c.ReconcilesByKind);
        Kinds(json, "commandsByKind", c.CommandsByKind);
        json.WriteNumber("callRetries", c.CallRetries);
        json.WriteNumber("failedCommands", c.FailedCommands);
        json.WriteNumber("failedObservations", c.FailedObservations);
        json.WriteNumber("failedStatusWrites", c.FailedStatusWrites);
        json.WriteNumber("faultsInjected", c.FaultsInjected);
        json.WriteNumber("rollbacks", c.Rollbacks);
        json.WriteNumber("crashes", c.Crashes);
        Kinds(json, "portCalls", c.PortCalls);
        json.WriteEndObject();
    }

    private static void FinalStatus(Utf8JsonWriter json, SystemStatus s)
    {
        json.WriteStartObject("finalStatus");
        json.WriteString("phase", s.Phase.ToString());
        json.WriteString("message", s.Message);
        json.WriteString("progress", s.Progress);
        json.WriteStartArray("applications");
        foreach (var a in s.Applications)
        {
            json.WriteStartObject();
            ApplicationFields(json, a.Name, a.Phase, a.Step, a.Steps, a.Weights, a.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A Map (ordinal key order) as a JSON object of counts.</summary>
    private static void Kinds(Utf8JsonWriter json, string name, Map<string, int> counts)
    {
        json.WriteStartObject(name);
        foreach (var (k, n) in counts.OrderBy(kv => kv.Key, StringComparer.Ordinal)) json.WriteNumber(k, n);
        json.WriteEndObject();
    }

    private static void Nullable(Utf8JsonWriter json, string name, Option<string> value)
    {
        json.WritePropertyName(name);
        value.Match(json.WriteStringValue, json.WriteNullValue);
    }
}
