using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;

namespace Hotswap.Core.Tests.Planning;

/// <summary>
/// The check gate at each limit and one past it. Results are written "seconds-after-the-step:outcome",
/// e.g. "60:F 120:P" (P passed, F failed, I inconclusive); the step's weights were written at 0
/// and the interval is 60 seconds, so the step's window opens at 60.
/// </summary>
public sealed class CheckGateTests
{
    private static readonly DateTimeOffset StepStart = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, int, int, string, string> Cases => new()
    {
        // failureLimit: more than the limit fails the step; at the limit it may still pass.
        { "failureLimit 0, no failure, a pass", 0, 3, "60:P", "passed" },
        { "failureLimit 0, one failure: one past the limit", 0, 3, "60:F", "failed" },
        { "failureLimit 1, one failure then a pass: exactly the limit", 1, 3, "60:F 120:P", "passed" },
        { "failureLimit 1, one failure, no pass yet: exactly the limit", 1, 3, "60:F", "pending" },
        { "failureLimit 1, two failures: one past the limit", 1, 3, "60:F 120:F", "failed" },
        { "failureLimit 1, two failures around a pass: one past the limit", 1, 3, "60:F 120:P 180:F", "failed" },
        { "failureLimit 2, three failures: one past the limit", 2, 3, "60:F 120:F 180:F", "failed" },
        { "failureLimit 2, two failures then a pass: exactly the limit", 2, 3, "60:F 120:F 180:P", "passed" },
        { "a failure before the step does not count", 0, 3, "-30:F 60:P", "passed" },
        // inconclusiveLimit: counted in a row, not in total.
        { "inconclusiveLimit 3, three in a row: exactly the limit", 0, 3, "60:I 120:I 180:I", "pending" },
        { "inconclusiveLimit 3, four in a row: one past the limit", 0, 3, "60:I 120:I 180:I 240:I", "failed" },
        { "inconclusiveLimit 0, one inconclusive: one past the limit", 0, 0, "60:I", "failed" },
        { "inconclusiveLimit 2, four in total but two in a row", 1, 2, "60:I 120:I 180:F 240:I 300:I", "pending" },
        { "inconclusiveLimit 2, two then a pass", 0, 2, "60:I 120:I 180:P", "passed" },
        { "inconclusiveLimit 2, three in a row after a failure: one past", 1, 2, "60:F 120:I 180:I 240:I", "failed" },
        // the measurement window: a pass counts only one interval after the write.
        { "a pass half an interval after the write", 0, 3, "30:P", "pending" },
        { "a pass one second before the window", 0, 3, "59:P", "pending" },
        { "a pass exactly one interval after the write", 0, 3, "60:P", "passed" },
        { "a pass before the step started", 0, 3, "-10:P", "pending" },
        { "a pass in the window after an early pass", 0, 3, "30:P 90:P", "passed" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void The_gate_judges_a_step(string name, int failureLimit, int inconclusiveLimit, string results, string expected)
    {
        var spec = Check(failureLimit, inconclusiveLimit, TimeSpan.FromMinutes(1));
        var world = WorldWith(spec, Parse(results));

        var result = CheckGate.Evaluate(Seq1(spec), world, StepStart);

        Assert.True(Word(result) == expected, $"{name}: expected {expected}, got {result}");
    }

    [Fact]
    public void With_interval_0_a_pass_at_the_instant_of_the_write_does_not_count()
    {
        var spec = Check(0, 3, TimeSpan.Zero);
        Assert.Equal("pending", Word(CheckGate.Evaluate(Seq1(spec), WorldWith(spec, Parse("0:P")), StepStart)));
        Assert.Equal("passed", Word(CheckGate.Evaluate(Seq1(spec), WorldWith(spec, Parse("0:P 1:P")), StepStart)));
    }

    [Fact]
    public void Waiting_on_an_inconclusive_result_is_a_stalled_wait_and_waiting_for_the_window_is_not()
    {
        var spec = Check(0, 3, TimeSpan.FromMinutes(1));
        var stalled = CheckGate.Evaluate(Seq1(spec), WorldWith(spec, Parse("60:I")), StepStart);
        var ordinary = CheckGate.Evaluate(Seq1(spec), WorldWith(spec, Parse("")), StepStart);
        Assert.True(stalled is CheckGate.Result.Pending { Stalled: true }, $"{stalled}");
        Assert.True(ordinary is CheckGate.Result.Pending { Stalled: false }, $"{ordinary}");
    }

    [Fact]
    public void The_next_measurement_of_a_step_is_due_when_its_window_opens()
    {
        var spec = Check(0, 3, TimeSpan.FromMinutes(1));
        var result = CheckGate.Evaluate(Seq1(spec), WorldWith(spec, Parse("-55:P")), StepStart);
        Assert.Equal(Some(StepStart.AddMinutes(1)), Assert.IsType<CheckGate.Result.Pending>(result).NextDue);
    }

    private static string Word(CheckGate.Result r) => r switch
    {
        CheckGate.Result.Passed => "passed",
        CheckGate.Result.Failed => "failed",
        _ => "pending",
    };

    private static CheckObjectSpec Check(int failureLimit, int inconclusiveLimit, TimeSpan interval) =>
        new("sys-web-c", "sys", "web", "c", None, "q", None, Some(0.05), interval,
            MetricProvider.Datadog, failureLimit, inconclusiveLimit, false, "h");

    private static Seq<Measurement> Parse(string results) =>
        results.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(r =>
        {
            var parts = r.Split(':');
            var time = StepStart.AddSeconds(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture));
            return parts[1] switch
            {
                "P" => new Measurement(time, Some(0.01), MeasurementOutcome.Passed, "value 0.01 within [-inf, 0.05]"),
                "F" => new Measurement(time, Some(1.0), MeasurementOutcome.Failed, "value 1 outside [-inf, 0.05]"),
                _ => new Measurement(time, None, MeasurementOutcome.Inconclusive, "no data"),
            };
        }).ToSeq().Strict();

    private static World WorldWith(CheckObjectSpec spec, Seq<Measurement> results) =>
        World.Empty with
        {
            Checks = HashMap((spec.Name, new CheckObject(spec, new CheckStatus(
                results.LastOrNone().Map(m => m.Outcome == MeasurementOutcome.Passed),
                results.LastOrNone().Map(m => m.Time), "h", results, "")))),
        };
}
