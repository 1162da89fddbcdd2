using System.Globalization;
using Hotswap.Core.Controls;

namespace Hotswap.Core.Tests;

/// <summary>The manual controls as the System's annotations carry them (the CLI writes them, the planner reads them).</summary>
public sealed class ManualControlsTests
{
    private static readonly DateTimeOffset T = DateTimeOffset.Parse("2026-12-04T10:00:00Z", CultureInfo.InvariantCulture);

    private static ManualControls Read(params (string, string)[] annotations) => ManualControls.FromAnnotations(toMap(annotations));

    [Fact]
    public void Requests_read_back_as_written()
    {
        var c = Read(
            (ManualControls.AbortPrefix + "web", ManualControls.FormatRequest(T)),
            (ManualControls.RetryPrefix + "api", ManualControls.FormatRequest(T.AddSeconds(1))),
            (ManualControls.PromotePrefix + "web", ManualControls.FormatPromote(Some(3), T.AddSeconds(2))),
            (ManualControls.PromotePrefix + "api", ManualControls.FormatPromote(None, T.AddSeconds(3))),
            ("kubectl.kubernetes.io/last-applied-configuration", "{}"));

        Assert.Equal(Seq<ControlRequest>(new ControlRequest.Abort(T), new ControlRequest.Promote(T.AddSeconds(2), Some(3))), c.Requests["web"]);
        Assert.Equal(Seq<ControlRequest>(new ControlRequest.Retry(T.AddSeconds(1)), new ControlRequest.Promote(T.AddSeconds(3), None)), c.Requests["api"]);
        Assert.Equal(4, c.Annotations.Count);
        Assert.Empty(c.Malformed);
    }

    [Theory]
    [InlineData("*", "web", true)]
    [InlineData("*", "api", true)]
    [InlineData("web", "web", true)]
    [InlineData(" web , api ", "api", true)]
    [InlineData("web", "api", false)]
    [InlineData("", "web", false)]
    public void Pause_names_applications_or_every_one(string value, string application, bool paused) =>
        Assert.Equal(paused, Read((ManualControls.PauseAnnotation, value)).IsPaused(application));

    [Theory]
    [InlineData("abort.hotswap.mumoshu.github.io/web", "now", "is not an RFC 3339 time")]
    [InlineData("promote.hotswap.mumoshu.github.io/web", "3", "is not STEP@TIME or full@TIME")]
    [InlineData("promote.hotswap.mumoshu.github.io/web", "0@2026-12-04T10:00:00Z", "is not STEP@TIME or full@TIME")]
    [InlineData("promote.hotswap.mumoshu.github.io/web", "all@2026-12-04T10:00:00Z", "is not STEP@TIME or full@TIME")]
    [InlineData("retry.hotswap.mumoshu.github.io/web", "2026-12-04", "is not an RFC 3339 time")]
    public void A_value_that_cannot_be_read_is_reported_and_ignored(string key, string value, string why)
    {
        var c = Read((key, value));
        Assert.True(c.Requests.IsEmpty);
        Assert.Contains(why, Assert.Single(c.Malformed));
        Assert.StartsWith(key + ": ", c.Malformed.Head);
    }

    [Fact]
    public void Pending_requests_are_those_after_the_last_handled_one()
    {
        var c = Read((ManualControls.AbortPrefix + "web", ManualControls.FormatRequest(T)));
        Assert.Single(c.Pending("web", None));
        Assert.Single(c.Pending("web", Some(T.AddTicks(-1))));
        Assert.Empty(c.Pending("web", Some(T)));
        Assert.Empty(c.Pending("api", None));
    }
}
