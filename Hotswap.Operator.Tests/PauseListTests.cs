using Hotswap.Operator.Cli;

namespace Hotswap.Operator.Tests;

/// <summary>The pause annotation after pause and resume: "*", "web,api", or gone.</summary>
public sealed class PauseListTests
{
    private static readonly string[] Apps = ["web", "api", "backgroundjobs"];

    public static TheoryData<string, string?, string?, bool, string?> Cases => new()
    {
        // name, current, application (null: all), changes, new value (null: annotation removed)
        { "pause one, nothing paused", null, "web", true, "web" },
        { "pause another, one paused", "web", "api", true, "web,api" },
        { "pause one already paused", "web,api", "api", false, "web,api" },
        { "pause one under star", "*", "api", false, "*" },
        { "pause all", "web", null, true, "*" },
        { "pause all under star", "*", null, false, "*" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pause(string name, string? current, string? application, bool changes, string? value)
    {
        var change = PauseList.Pause(current, application);

        Assert.True(changes == change.Changes, name);
        Assert.Equal(value, change.Value);
    }

    public static TheoryData<string, string?, string?, bool, string?> ResumeCases => new()
    {
        { "resume the only one", "web", "web", true, null },
        { "resume one of two", "web,api", "web", true, "api" },
        { "resume one under star pauses the others by name, in spec order", "*", "api", true, "web,backgroundjobs" },
        { "resume one that is not paused", "web", "api", false, "web" },
        { "resume one when nothing is paused", null, "api", false, null },
        { "resume all", "web,api", null, true, null },
        { "resume all under star", "*", null, true, null },
        { "resume all when nothing is paused", null, null, false, null },
    };

    [Theory]
    [MemberData(nameof(ResumeCases))]
    public void Resume(string name, string? current, string? application, bool changes, string? value)
    {
        var change = PauseList.Resume(current, application, Apps);

        Assert.True(changes == change.Changes, name);
        Assert.Equal(value, change.Value);
    }

    [Fact]
    public void Resuming_the_only_application_under_star_removes_the_annotation()
    {
        Assert.Null(PauseList.Resume("*", "web", ["web"]).Value);
    }
}
