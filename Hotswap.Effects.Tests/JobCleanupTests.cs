using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Effects.Simulation;

namespace Hotswap.Effects.Tests;

/// <summary>
/// Issue 9 item 3: the interpreter's DeleteJob handler against the simulated Kubernetes — it
/// deletes, is idempotent (NotFound is success), and the observer reports who a Job belongs to
/// and when it was created, which is what cleanup orders by.
/// </summary>
public sealed class JobCleanupTests
{
    [Fact]
    public async Task DeleteJob_deletes_and_a_second_delete_is_success()
    {
        var world = new SimulatedWorld(SimulationScenario.Default, seed: 1);
        var interpreter = new Interpreter(world.Ports, new PortCalls());
        await world.Kubernetes.CreateJobAsync("sys-web-pre-1", Map(("hotswap.mumoshu.github.io/application", "web")), "{}");
        var delete = new Command.DeleteJob("sys-web-pre-1", "web");

        var first = await interpreter.ExecuteAsync("sys", Seq1<Command>(delete), World.Empty, world.Clock.Now);
        var again = await interpreter.ExecuteAsync("sys", Seq1<Command>(delete), World.Empty, world.Clock.Now);

        Assert.True(first.ForAll(o => o.Succeeded), string.Join("; ", first));
        Assert.True(again.ForAll(o => o.Succeeded), string.Join("; ", again));
        Assert.Empty(await world.Kubernetes.ListJobsAsync(Map<string, string>()));
    }

    [Fact]
    public async Task A_listed_Job_carries_its_creation_time()
    {
        var world = new SimulatedWorld(SimulationScenario.Default, seed: 1);
        await world.Kubernetes.CreateJobAsync("sys-web-pre-1", Map<string, string>(), "{}");

        var job = (await world.Kubernetes.ListJobsAsync(Map<string, string>())).Head;

        Assert.Equal(Some(world.Clock.Now), job.Created);
    }
}
