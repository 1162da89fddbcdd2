using Hotswap.Operator.Hosting;
using Microsoft.Extensions.Logging;

namespace Hotswap.Operator.Observability;

/// <summary>
/// Writes each log record as one line (<see cref="LogLineFormat"/>) to a writer, at once and in
/// order. Synchronous on purpose: an operator logs a few lines a second, and a line written before
/// the process is killed is worth more than a background queue's throughput.
/// </summary>
public sealed class LineLoggerProvider(TextWriter output, LogFormat format, LogLevel minimum, TimeProvider? time = null) : ILoggerProvider
{
    private readonly object gate = new();
    private readonly LogLevel minimum = minimum;
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    public ILogger CreateLogger(string categoryName) => new Logger(this, ShortName(categoryName));

    public LogLevel Minimum => minimum;

    public void Dispose()
    {
        lock (gate) output.Flush();
    }

    /// <summary>"Hotswap.Operator.Hosting.LeaderElection" → "LeaderElection"; framework categories are kept whole.</summary>
    private static string ShortName(string category) =>
        category.StartsWith("Hotswap.", StringComparison.Ordinal) ? category[(category.LastIndexOf('.') + 1)..] : category;

    private void Write(LogLevel level, string logger, string message, IEnumerable<KeyValuePair<string, object?>> pairs, Exception? error)
    {
        var line = LogLineFormat.Format(format, clock.GetUtcNow(), level, logger, message, pairs, error, minimum <= LogLevel.Debug);
        lock (gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private sealed class Logger(LineLoggerProvider provider, string name) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider.Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var pairs = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            provider.Write(logLevel, name, formatter(state, exception), pairs, exception);
        }
    }
}
