namespace Hotswap.EndToEnd.Tests.Chaos;

/// <summary>Kill points: the same seed gives the same points (a printed seed replays a run), one per slice of the window.</summary>
public sealed class KillPointTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(167675913)]
    [InlineData(int.MaxValue)]
    public void A_seed_gives_the_same_ten_points_every_time_one_from_each_tenth_of_the_window(int seed)
    {
        var points = KillPoint.From(seed, 10, 80);

        Assert.Equal(points, KillPoint.From(seed, 10, 80));
        Assert.Equal(10, points.Count);
        for (var i = 0; i < 10; i++)
            Assert.InRange(points[i].AfterWrites, i * 8 + 1, (i + 1) * 8);
        Assert.All(points, p => Assert.InRange(p.Delay, TimeSpan.Zero, TimeSpan.FromMilliseconds(250)));
    }

    [Fact]
    public void Different_seeds_pick_different_points()
    {
        Assert.NotEqual(KillPoint.From(1, 10, 80), KillPoint.From(2, 10, 80));
    }
}
