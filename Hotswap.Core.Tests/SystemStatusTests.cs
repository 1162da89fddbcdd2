using Hotswap.Core.Status;

namespace Hotswap.Core.Tests;

/// <summary>Which application a one-line summary of a System follows.</summary>
public sealed class SystemStatusTests
{
    private static ApplicationStatus App(string name, ApplicationPhase phase, int step) =>
        new(name, phase, "", step, 10, None, None, "", None);

    private static SystemStatus With(params ApplicationStatus[] apps) =>
        SystemStatus.Initial with { Applications = toSeq(apps) };

    [Theory]
    [InlineData(ApplicationPhase.Migrating)]
    [InlineData(ApplicationPhase.Reverting)]
    [InlineData(ApplicationPhase.CheckFailed)]
    [InlineData(ApplicationPhase.WaitingForClusters)]
    public void The_first_application_not_at_rest_leads(ApplicationPhase moving)
    {
        var status = With(App("api", ApplicationPhase.Synced, 10), App("db", ApplicationPhase.Pending, 0),
            App("web", moving, 3), App("batch", ApplicationPhase.Migrating, 7));

        Assert.Equal("web", status.LeadingApplication().Map(a => a.Name).IfNone("none"));
    }

    [Fact]
    public void With_every_application_at_rest_the_first_leads_and_without_applications_none_does()
    {
        Assert.Equal("api", With(App("api", ApplicationPhase.Synced, 10), App("web", ApplicationPhase.Pending, 0))
            .LeadingApplication().Map(a => a.Name).IfNone("none"));
        Assert.True(SystemStatus.Initial.LeadingApplication().IsNone);
    }
}
