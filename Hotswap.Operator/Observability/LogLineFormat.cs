using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hotswap.Operator.Hosting;
using Microsoft.Extensions.Logging;

namespace Hotswap.Operator.Observability;

/// <summary>
/// One log record as one line. JSON, as controller-runtime's zap logger writes it:
/// <c>{"ts":"2026-11-24T10:03:12.123Z","level":"info","logger":"controller","msg":"Reconciled System","system":"team-a/mysystem","phase":"Migrating"}</c>;
/// or text: <c>2026-11-24T10:03:12.123Z INFO controller Reconciled System system=team-a/mysystem phase=Migrating</c>.
/// Pairs come from a <see cref="LogLine"/> or from a message template's values (framework logs);
/// an exception is written as <c>error</c> (its message; the stack trace only at debug level).
/// </summary>
public static class LogLineFormat
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        _ => "fatal",
    };

    /// <summary>The record as one line (no newline at the end).</summary>
    public static string Format(
        LogFormat format, DateTimeOffset at, LogLevel level, string logger, string message,
        IEnumerable<KeyValuePair<string, object?>> pairs, Exception? error, bool withStack)
    {
        var fields = pairs.Where(p => p.Key != "{OriginalFormat}").Select(p => (p.Key, Value: Text(p.Value))).ToList();
        if (error is not null)
        {
            fields.Add(("error", error.Message));
            if (withStack) fields.Add(("stacktrace", error.ToString()));
        }
        var ts = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        return format == LogFormat.Json ? Json(ts, level, logger, message, fields) : PlainText(ts, level, logger, message, fields);
    }

    private static string Json(string ts, LogLevel level, string logger, string message, List<(string Key, string Value)> fields)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Relaxed))
        {
            json.WriteStartObject();
            json.WriteString("ts", ts);
            json.WriteString("level", Level(level));
            json.WriteString("logger", logger);
            json.WriteString("msg", message);
            foreach (var (key, value) in fields)
                if (key is not ("ts" or "level" or "logger" or "msg")) json.WriteString(key, value);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string PlainText(string ts, LogLevel level, string logger, string message, List<(string Key, string Value)> fields)
    {
        var line = new StringBuilder().Append(ts).Append(' ').Append(Level(level).ToUpperInvariant()).Append(' ')
            .Append(logger).Append(' ').Append(OneLine(message));
        foreach (var (key, value) in fields)
            line.Append(' ').Append(key).Append('=').Append(Quoted(value));
        return line.ToString();
    }

    /// <summary>A value as text: times in UTC ISO 8601, durations in seconds, booleans as Go writes them, numbers invariant.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        TimeSpan d => d.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");

    private static string Quoted(string value) =>
        value.Length > 0 && value.All(c => c > ' ' && c != '"' && c != '=' && c < 127)
            ? value
            : JsonSerializer.Serialize(value, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
