using Hotswap.Core.Children;
using Hotswap.Core.Spec;
using Hotswap.Effects.Metrics;
using Hotswap.Testing.Metrics;

namespace Hotswap.Integration.Tests.Metrics;

/// <summary>The Datadog provider against a loopback /api/v1/query answering as Datadog documents it.</summary>
public sealed class DatadogProviderTests : IAsyncLifetime
{
    private DatadogFake fake = null!;
    private const string Query = "sum:trace.http.request.errors{service:web}.as_rate()";
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 0, TimeSpan.Zero);

    public async Task InitializeAsync() => fake = await DatadogFake.StartAsync();

    public async Task DisposeAsync() => await fake.DisposeAsync();

    private DatadogMetrics Provider(string apiKey = DatadogFake.ApiKey, TimeSpan? timeout = null) =>
        new(new HttpClient(), new DatadogSettings(fake.Url, apiKey, DatadogFake.ApplicationKey, timeout ?? TimeSpan.FromSeconds(5)));

    private static long Ms(int secondsBefore) => (At - TimeSpan.FromSeconds(secondsBefore)).ToUnixTimeMilliseconds();

    [Fact]
    public async Task The_last_non_null_point_of_the_series_over_the_checks_interval_is_the_value()
    {
        fake.Answer(Query, DatadogFake.Series(Query, [(Ms(60), 0.02), (Ms(40), 0.004), (Ms(20), null), (Ms(0), null)]));

        var reading = await Provider().QueryAsync(Query, At, TimeSpan.FromMinutes(5));

        Assert.Equal(new MetricReading.Value(0.004), reading);
        Assert.Equal(MeasurementOutcome.Passed, MetricChecks.Judge(MetricProvider.Datadog, Query, reading).Outcome);
        var request = Assert.Single(fake.Requests);
        Assert.Equal((At.AddMinutes(-5).ToUnixTimeSeconds().ToString(), At.ToUnixTimeSeconds().ToString(), Query),
            (request["from"], request["to"], request["query"]));
    }

    [Fact]
    public async Task A_value_outside_the_bounds_fails()
    {
        fake.Answer(Query, DatadogFake.Series(Query, [(Ms(10), 0.5)]));

        var reading = await Provider().QueryAsync(Query, At, TimeSpan.FromMinutes(1));

        Assert.Equal(MeasurementOutcome.Failed, MetricChecks.Judge(MetricProvider.Datadog, Query, reading).Outcome);
    }

    [Fact]
    public async Task No_series_or_only_nulls_is_no_data()
    {
        const string nulls = "sum:nulls{*}";
        fake.Answer(nulls, DatadogFake.Series(nulls, [(Ms(10), null), (Ms(0), null)]));

        var empty = await Provider().QueryAsync("sum:nothing{*}", At, TimeSpan.FromMinutes(1));
        var onlyNulls = await Provider().QueryAsync(nulls, At, TimeSpan.FromMinutes(1));

        Assert.IsType<MetricReading.NoData>(empty);
        Assert.IsType<MetricReading.NoData>(onlyNulls);
    }

    [Fact]
    public async Task Several_series_are_inconclusive()
    {
        fake.Answer(Query, DatadogFake.Series(Query, [(Ms(10), 0.001)], [(Ms(10), 0.002)]));

        var reading = await Provider().QueryAsync(Query, At, TimeSpan.FromMinutes(1));

        Assert.Contains("2 series", Assert.IsType<MetricReading.ProviderError>(reading).Reason);
        Assert.Equal(MeasurementOutcome.Inconclusive, MetricChecks.Judge(MetricProvider.Datadog, Query, reading).Outcome);
    }

    [Fact]
    public async Task Status_error_is_inconclusive_with_Datadogs_message()
    {
        fake.Answer(Query, """{"status":"error","res_type":"time_series","series":[],"error":"Error parsing query: unable to parse sum:trace{: Rule 'scope_expr' didn't match"}""");

        var reading = await Provider().QueryAsync(Query, At, TimeSpan.FromMinutes(1));

        Assert.Contains("Error parsing query", Assert.IsType<MetricReading.ProviderError>(reading).Reason);
    }

    [Fact]
    public async Task A_rejected_key_is_inconclusive_and_the_key_appears_nowhere()
    {
        const string wrong = "deadbeefdeadbeefdeadbeefdeadbeef";
        var provider = Provider(apiKey: wrong);

        var reading = await provider.QueryAsync(Query, At, TimeSpan.FromMinutes(1));

        var error = Assert.IsType<MetricReading.ProviderError>(reading);
        Assert.Contains("HTTP 403", error.Reason);
        Assert.DoesNotContain(wrong, error.Reason);
        Assert.DoesNotContain(DatadogFake.ApplicationKey, error.Reason);
        Assert.DoesNotContain(wrong, new DatadogSettings(fake.Url, wrong, DatadogFake.ApplicationKey, TimeSpan.Zero).ToString());
    }

    [Fact]
    public async Task A_Datadog_that_does_not_answer_in_time_is_inconclusive()
    {
        fake.Delay = TimeSpan.FromSeconds(5);

        var reading = await Provider(timeout: TimeSpan.FromMilliseconds(200)).QueryAsync(Query, At, TimeSpan.FromMinutes(1));

        Assert.Contains("did not answer", Assert.IsType<MetricReading.ProviderError>(reading).Reason);
    }

    [Fact]
    public async Task NaN_is_inconclusive()
    {
        fake.Answer(Query, """{"status":"ok","series":[{"pointlist":[[1767323040000,"NaN"]]}]}""");

        var reading = await Provider().QueryAsync(Query, At, TimeSpan.FromMinutes(1));

        Assert.Contains("NaN", Assert.IsType<MetricReading.ProviderError>(reading).Reason);
    }
}
