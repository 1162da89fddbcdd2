using System.Collections;
using Microsoft.Extensions.Logging;

namespace Hotswap.Operator.Observability;

/// <summary>
/// A log line as Kubernetes controllers write them: a fixed, capitalised, past-tense message and
/// key/value pairs naming the object — <c>"Reconciled System" system=team-a/mysystem phase=Migrating</c>.
/// The message never has values spliced in, so lines can be searched and counted by message.
/// </summary>
public sealed class LogLine(string message, IReadOnlyList<KeyValuePair<string, object?>> pairs)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    public string Message { get; } = message;

    public KeyValuePair<string, object?> this[int index] => pairs[index];

    public int Count => pairs.Count;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => pairs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Message;

    /// <summary>Writes <paramref name="message"/> with <paramref name="pairs"/> (key, value, key, value...) to <paramref name="logger"/>.</summary>
    public static void Write(ILogger logger, LogLevel level, string message, params (string Key, object? Value)[] pairs) =>
        Write(logger, level, null, message, pairs);

    public static void Write(ILogger logger, LogLevel level, Exception? error, string message, params (string Key, object? Value)[] pairs)
    {
        if (!logger.IsEnabled(level)) return;
        var line = new LogLine(message, [.. pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value))]);
        logger.Log(level, default, line, error, static (l, _) => l.Message);
    }
}
