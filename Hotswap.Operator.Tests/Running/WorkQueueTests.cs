using Hotswap.Operator.Queueing;
using Microsoft.Extensions.Time.Testing;

namespace Hotswap.Operator.Tests.Running;

/// <summary>The work queue's rules, on a fake clock: nothing here sleeps.</summary>
public sealed class WorkQueueTests : IDisposable
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-11-24T10:00:00Z"));
    private readonly List<int> depths = [];
    private readonly List<TimeSpan> waits = [];
    private readonly WorkQueue<string> queue;

    public WorkQueueTests() => queue = new WorkQueue<string>(time, d => { lock (depths) depths.Add(d); }, w => { lock (waits) waits.Add(w); });

    public void Dispose() => queue.Dispose();

    /// <summary>The key taken now, or null when none is ready.</summary>
    private string? TakeNow()
    {
        var take = queue.TakeAsync(new CancellationTokenSource(TimeSpan.FromMilliseconds(50)).Token);
        try
        {
            return take.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    [Fact]
    public void A_key_added_many_times_is_queued_once()
    {
        queue.Add("system/a");
        queue.Add("system/a");
        queue.Add("system/b");
        queue.Add("system/a");

        Assert.Equal(2, queue.Depth);
        Assert.Equal("system/a", TakeNow());
        Assert.Equal("system/b", TakeNow());
        Assert.Null(TakeNow());
    }

    [Fact]
    public void A_key_added_while_in_flight_is_not_handed_out_again_until_done_then_runs_once_more()
    {
        queue.Add("system/a");
        var key = TakeNow();
        queue.Add("system/a");
        queue.Add("system/a");

        Assert.Equal("system/a", key);
        Assert.Null(TakeNow());
        Assert.Equal(1, queue.Depth);

        queue.Done("system/a");
        Assert.Equal("system/a", TakeNow());
        queue.Done("system/a");
        Assert.Null(TakeNow());
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public void A_key_done_without_being_added_again_leaves_the_queue()
    {
        queue.Add("check/x");
        TakeNow();
        queue.Done("check/x");

        Assert.Equal(0, queue.Depth);
        Assert.Null(TakeNow());
    }

    [Theory]
    [InlineData(1, 250)]
    [InlineData(2, 500)]
    [InlineData(3, 1000)]
    [InlineData(8, 32000)]
    [InlineData(9, 60000)]
    [InlineData(50, 60000)]
    public void The_back_off_doubles_from_the_base_up_to_the_cap(int failures, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), WorkQueue<string>.Backoff(failures));

    [Fact]
    public void A_rate_limited_key_waits_its_back_off_which_grows_with_each_failure()
    {
        queue.AddRateLimited("system/a");
        time.Advance(TimeSpan.FromMilliseconds(249));
        Assert.Null(TakeNow());
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("system/a", TakeNow());
        queue.AddRateLimited("system/a");
        queue.Done("system/a");

        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Null(TakeNow());
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("system/a", TakeNow());
        Assert.Equal(2, queue.Failures("system/a"));
    }

    [Fact]
    public void Forgetting_a_key_starts_its_back_off_again_from_the_base()
    {
        for (var i = 0; i < 5; i++) queue.AddRateLimited("system/a");
        time.Advance(TimeSpan.FromSeconds(5));
        TakeNow();
        queue.Forget("system/a");
        queue.Done("system/a");

        queue.AddRateLimited("system/a");
        time.Advance(TimeSpan.FromMilliseconds(250));

        Assert.Equal(1, queue.Failures("system/a"));
        Assert.Equal("system/a", TakeNow());
    }

    [Fact]
    public void The_earliest_wanted_time_wins_whichever_was_asked_first()
    {
        queue.AddAfter("system/late-first", TimeSpan.FromSeconds(10));
        queue.AddAfter("system/late-first", TimeSpan.FromSeconds(2));
        queue.AddAfter("system/early-first", TimeSpan.FromSeconds(2));
        queue.AddAfter("system/early-first", TimeSpan.FromSeconds(10));

        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(new[] { "system/early-first", "system/late-first" }, new[] { TakeNow(), TakeNow() }.Order().ToArray());
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(TakeNow());
    }

    [Fact]
    public void Adding_a_waiting_key_makes_it_ready_now()
    {
        queue.AddAfter("system/a", TimeSpan.FromMinutes(5));
        Assert.Null(TakeNow());

        queue.Add("system/a");

        Assert.Equal("system/a", TakeNow());
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public void A_delay_asked_while_in_flight_starts_counting_then_and_applies_after_done()
    {
        queue.Add("system/a");
        TakeNow();
        queue.AddAfter("system/a", TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(20));
        queue.Done("system/a");

        Assert.Null(TakeNow());
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("system/a", TakeNow());
    }

    [Fact]
    public void Depth_counts_ready_and_waiting_keys_and_is_reported_on_each_change_with_the_wait_of_each_key_taken()
    {
        queue.Add("a");
        queue.AddAfter("b", TimeSpan.FromSeconds(1));
        Assert.Equal(2, queue.Depth);
        time.Advance(TimeSpan.FromSeconds(3));

        TakeNow();
        TakeNow();

        Assert.Equal(new[] { 1, 2, 2, 1, 0 }, depths.ToArray());
        Assert.Equal(new[] { TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2) }, waits.ToArray());
        Assert.Equal(2, queue.InFlight);
    }
}
