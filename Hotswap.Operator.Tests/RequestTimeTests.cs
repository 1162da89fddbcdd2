using Hotswap.Core.Controls;
using Hotswap.Operator.Cli;
using LanguageExt;

namespace Hotswap.Operator.Tests;

/// <summary>
/// A request is made "now", unless the application already handled a request at or after now
/// (another person's clock ran ahead): then just after it, so the planner does not take the new
/// request for history.
/// </summary>
public sealed class RequestTimeTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-04T10:00:00Z");

    [Fact]
    public void Now_when_nothing_newer_was_handled()
    {
        Assert.Equal(Now, ControlCommands.RequestTime(Now, null));
        Assert.Equal(Now, ControlCommands.RequestTime(Now, Now.AddSeconds(-5)));
    }

    [Fact]
    public void Just_after_a_handled_request_that_is_not_older_than_now_and_still_pending_once_written()
    {
        var handled = Now.AddSeconds(3);

        var at = ControlCommands.RequestTime(Now, handled);

        Assert.Equal(handled.AddMilliseconds(1), at);
        var controls = ManualControls.FromAnnotations(Prelude.Map(
            (ManualControls.AbortPrefix + "web", ManualControls.FormatRequest(at))));
        Assert.Single(controls.Pending("web", Prelude.Some(handled)));
        Assert.Empty(ManualControls.FromAnnotations(Prelude.Map(
            (ManualControls.AbortPrefix + "web", ManualControls.FormatRequest(Now)))).Pending("web", Prelude.Some(handled)));
    }
}
