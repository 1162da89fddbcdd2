using Hotswap.Core.Documents;
using Xunit;

namespace Hotswap.Core.Tests;

public class DurationsTests
{
    public static TheoryData<string, string, long> Readable => new()
    {
        // name, text, seconds*1000
        { "seconds", "30s", 30_000 },
        { "minutes", "1m", 60_000 },
        { "hours and minutes", "1h30m", 5_400_000 },
        { "all three", "2h3m4s", 7_384_000 },
        { "fraction", "1.5s", 1_500 },
        { "milliseconds", "250ms", 250 },
        { "bare zero", "0", 0 },
        { "zero seconds", "0s", 0 },
        { "negative", "-1m", -60_000 },
        { "minutes past sixty", "90m", 5_400_000 },
    };

    [Theory]
    [MemberData(nameof(Readable))]
    public void Parse_reads(string name, string text, long milliseconds)
    {
        Assert.True(Durations.Parse(text) == TimeSpan.FromMilliseconds(milliseconds), name);
    }

    [Theory]
    [InlineData("empty", "")]
    [InlineData("no unit", "5")]
    [InlineData("unknown unit", "5d")]
    [InlineData("space", "1h 30m")]
    [InlineData("two points", "1.2.3s")]
    [InlineData("unit only", "s")]
    [InlineData("overflow", "99999999999999999999h")]
    public void Parse_rejects(string name, string text)
    {
        Assert.True(Durations.Parse(text).IsNone, name);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(30_000, "30s")]
    [InlineData(60_000, "1m")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(3_600_000, "1h")]
    [InlineData(1_500, "1.5s")]
    [InlineData(250, "0.25s")]
    [InlineData(-90_000, "-1m30s")]
    [InlineData(90_000_000, "25h")]
    public void Format_writes(long milliseconds, string text)
    {
        Assert.Equal(text, Durations.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(123_456_789L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(-7L)]
    public void Format_then_Parse_is_exact_to_the_tick(long ticks)
    {
        var duration = TimeSpan.FromTicks(ticks);

        Assert.True(Durations.Parse(Durations.Format(duration)) == duration, Durations.Format(duration));
    }
}
