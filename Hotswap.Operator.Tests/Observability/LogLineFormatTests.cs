using Hotswap.Operator.Hosting;
using Hotswap.Operator.Observability;
using Microsoft.Extensions.Logging;

namespace Hotswap.Operator.Tests.Observability;

/// <summary>One record, one line: JSON as controller-runtime writes it, or key=value text.</summary>
public sealed class LogLineFormatTests
{
    private static readonly KeyValuePair<string, object?>[] Pairs =
    [
        new("system", "team-a/mysystem"), new("phase", "Migrating"), new("step", "3/10"), new("message", "waiting for \"web\""),
    ];

    [Fact]
    public void Json_has_ts_level_logger_msg_then_the_pairs_in_order() =>
        Assert.Equal(
            """{"ts":"2026-11-24T10:03:12.000Z","level":"info","logger":"controller","msg":"Reconciled System","system":"team-a/mysystem","phase":"Migrating","step":"3/10","message":"waiting for \"web\""}""",
            LogLineFormat.Format(LogFormat.Json, Some.Now, LogLevel.Information, "controller", "Reconciled System", Pairs, null, false));

    [Fact]
    public void Text_quotes_only_values_that_need_it() =>
        Assert.Equal(
            "2026-11-24T10:03:12.000Z INFO controller Reconciled System system=team-a/mysystem phase=Migrating step=3/10 message=\"waiting for \\\"web\\\"\"",
            LogLineFormat.Format(LogFormat.Text, Some.Now, LogLevel.Information, "controller", "Reconciled System", Pairs, null, false));

    [Fact]
    public void An_exception_is_its_message_and_its_stack_only_at_debug()
    {
        var error = new InvalidOperationException("boom");

        var info = LogLineFormat.Format(LogFormat.Json, Some.Now, LogLevel.Error, "controller", "Reconcile of System crashed", [], error, false);
        var debug = LogLineFormat.Format(LogFormat.Json, Some.Now, LogLevel.Error, "controller", "Reconcile of System crashed", [], error, true);

        Assert.EndsWith("\"level\":\"error\",\"logger\":\"controller\",\"msg\":\"Reconcile of System crashed\",\"error\":\"boom\"}", info);
        Assert.Contains("\"stacktrace\":\"System.InvalidOperationException: boom", debug);
    }
}
