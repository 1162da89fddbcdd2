using System.Text;
using Microsoft.AspNetCore.Http;
using Hotswap.Core.Children;
using Hotswap.Core.Spec;
using Hotswap.Effects.Metrics;
using Hotswap.Testing.Metrics;

namespace Hotswap.Integration.Tests.Metrics;

/// <summary>The Prometheus provider against a real Prometheus scraping values the test sets.</summary>
public sealed class PrometheusProviderTests(PrometheusFixture fixture) : IClassFixture<PrometheusFixture>
{
    private PrometheusMetrics Provider() =>
        new(new HttpClient(), PrometheusSettings.At(fixture.Server.Url) with { Timeout = TimeSpan.FromSeconds(5) });

    private async Task<(MetricReading Reading, Measurement Judged)> MeasureAsync(string query)
    {
        var reading = await Provider().QueryAsync(query, DateTimeOffset.UtcNow);
        return (reading, MetricChecks.Judge(MetricProvider.Prometheus, query, reading));
    }

    [SkippableFact]
    public async Task A_value_within_bounds_passes_and_one_outside_fails()
    {
        fixture.Require();
        fixture.Server.Set("web_error_ratio{cluster=\"a\"}", 0.004);
        fixture.Server.Set("web_error_ratio{cluster=\"b\"}", 0.25);
        await fixture.Server.WaitForAsync("web_error_ratio", "0.25");

        var pass = await MeasureAsync("web_error_ratio{cluster=\"a\"}");
        var fail = await MeasureAsync("max(web_error_ratio)");

        Assert.Equal(new MetricReading.Value(0.004), pass.Reading);
        Assert.Equal(MeasurementOutcome.Passed, pass.Judged.Outcome);
        Assert.Equal(new MetricReading.Value(0.25), fail.Reading);
        Assert.Equal(MeasurementOutcome.Failed, fail.Judged.Outcome);
    }

    [SkippableFact]
    public async Task A_series_that_does_not_exist_is_no_data_and_inconclusive()
    {
        fixture.Require();

        var (reading, judged) = await MeasureAsync("web_error_ratio{cluster=\"nowhere\"}");

        Assert.IsType<MetricReading.NoData>(reading);
        Assert.Equal(MeasurementOutcome.Inconclusive, judged.Outcome);
    }

    [SkippableFact]
    public async Task A_bad_query_is_inconclusive_with_Prometheuss_message()
    {
        fixture.Require();

        var (reading, judged) = await MeasureAsync("sum(web_error_ratio");

        var error = Assert.IsType<MetricReading.ProviderError>(reading);
        Assert.Contains("bad_data", error.Reason);
        Assert.Contains("parse error", error.Reason);
        Assert.Equal(MeasurementOutcome.Inconclusive, judged.Outcome);
    }

    [SkippableFact]
    public async Task Several_series_NaN_and_Inf_are_inconclusive()
    {
        fixture.Require();
        fixture.Server.Set("web_latency_seconds{cluster=\"a\"}", 0.1);
        fixture.Server.Set("web_latency_seconds{cluster=\"b\"}", 0.2);
        fixture.Server.Set("web_saturation", double.NaN);
        fixture.Server.Set("web_burst", double.PositiveInfinity);
        await fixture.Server.WaitForAsync("web_burst", "+Inf");

        var several = await MeasureAsync("web_latency_seconds");
        var nan = await MeasureAsync("web_saturation");
        var inf = await MeasureAsync("web_burst");
        var ratio = await MeasureAsync("scalar(web_saturation) / 0");

        Assert.Contains("2 series", Assert.IsType<MetricReading.ProviderError>(several.Reading).Reason);
        Assert.Contains("NaN", Assert.IsType<MetricReading.ProviderError>(nan.Reading).Reason);
        Assert.Contains("+Inf", Assert.IsType<MetricReading.ProviderError>(inf.Reading).Reason);
        Assert.IsType<MetricReading.ProviderError>(ratio.Reading);
        Assert.All([several, nan, inf, ratio], m => Assert.Equal(MeasurementOutcome.Inconclusive, m.Judged.Outcome));
    }

    [Fact]
    public async Task Bearer_and_basic_credentials_are_sent_and_never_appear_in_a_reading()
    {
        var seen = new List<string>();
        await using var server = await LoopbackServer.StartAsync(async ctx =>
        {
            seen.Add(ctx.Request.Headers.Authorization.ToString());
            ctx.Response.StatusCode = 401;
            await ctx.Response.WriteAsync("""{"status":"error","errorType":"unauthorized","error":"bad credentials"}""");
        });
        var bearer = PrometheusSettings.At(server.Url) with { BearerToken = Some("t0ken-s3cret") };
        var basic = PrometheusSettings.At(server.Url) with { BasicUser = Some("hotswap"), BasicPassword = Some("pa55-s3cret") };

        var a = await new PrometheusMetrics(new HttpClient(), bearer).QueryAsync("up", DateTimeOffset.UtcNow);
        var b = await new PrometheusMetrics(new HttpClient(), basic).QueryAsync("up", DateTimeOffset.UtcNow);

        Assert.Equal(["Bearer t0ken-s3cret", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("hotswap:pa55-s3cret"))], seen);
        Assert.All([a, b], r => Assert.DoesNotContain("s3cret", Assert.IsType<MetricReading.ProviderError>(r).Reason));
        Assert.DoesNotContain("s3cret", bearer.ToString() + basic.ToString());
    }

    [Fact]
    public async Task A_Prometheus_that_does_not_answer_in_time_is_inconclusive()
    {
        await using var server = await LoopbackServer.StartAsync(async ctx => await Task.Delay(TimeSpan.FromSeconds(5), ctx.RequestAborted));
        var settings = PrometheusSettings.At(server.Url) with { Timeout = TimeSpan.FromMilliseconds(200) };

        var reading = await new PrometheusMetrics(new HttpClient(), settings).QueryAsync("up", DateTimeOffset.UtcNow);

        Assert.Contains("did not answer within 0.2 s", Assert.IsType<MetricReading.ProviderError>(reading).Reason);
    }
}
