using Hotswap.Operator.Cli;

namespace Hotswap.Operator.Tests;

/// <summary>How <c>hotswap get</c> prints how long ago something happened on a terminal.</summary>
public sealed class ClockTests
{
    [Theory]
    [InlineData(45, "45s")]
    [InlineData(150, "2m30s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 + 20 * 60, "3h20m")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(3 * 86400 + 4 * 3600, "3d4h")]
    [InlineData(12 * 86400, "12d")]
    public void Ages_read_as_kubectl_prints_them(int seconds, string age)
    {
        Assert.Equal(age, Clock.Age(TimeSpan.FromSeconds(seconds)));
    }
}
