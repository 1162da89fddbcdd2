namespace Hotswap.Operator.Hosting;

/// <summary>
/// Leader election with a coordination.k8s.io/v1 Lease, as client-go's electors do it: the leader
/// renews every <paramref name="RetryPeriod"/>; if it cannot renew for <paramref name="RenewDeadline"/>
/// it stops its workers; another replica takes the lease once it has seen it unrenewed for
/// <paramref name="LeaseDuration"/>. So LeaseDuration &gt; RenewDeadline &gt; RetryPeriod × 1.2 (the
/// elector's jitter), and two replicas never both run workers.
/// </summary>
/// <param name="Enabled">False: workers run at once, with no lease (one replica only).</param>
/// <param name="Namespace">The Lease's namespace.</param>
/// <param name="Name">The Lease's name.</param>
/// <param name="LeaseDuration">Whole seconds (the Lease stores seconds).</param>
/// <param name="RenewDeadline">How long the leader keeps trying to renew.</param>
/// <param name="RetryPeriod">How often to try to take or renew.</param>
public sealed record LeaderElectionSettings(
    bool Enabled, string Namespace, string Name, TimeSpan LeaseDuration, TimeSpan RenewDeadline, TimeSpan RetryPeriod)
{
    /// <summary>The elector's jitter factor (k8s.LeaderElection.LeaderElector, like client-go's).</summary>
    public const double JitterFactor = 1.2;

    /// <summary>Why these durations cannot work together, one line each; empty when they can.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (LeaseDuration < TimeSpan.FromSeconds(1) || LeaseDuration.Ticks % TimeSpan.TicksPerSecond != 0)
            problems.Add($"{RunFlags.LeaseDuration.Name}: must be whole seconds, at least 1s (the Lease stores seconds)");
        if (RetryPeriod <= TimeSpan.Zero)
            problems.Add($"{RunFlags.RetryPeriod.Name}: must be more than 0");
        if (LeaseDuration <= RenewDeadline)
            problems.Add($"{RunFlags.LeaseDuration.Name}: must be longer than {RunFlags.RenewDeadline.Name}, or another replica could take the lease while this one still works");
        if (RenewDeadline <= RetryPeriod * JitterFactor)
            problems.Add($"{RunFlags.RenewDeadline.Name}: must be longer than {RunFlags.RetryPeriod.Name} × {JitterFactor}, or one slow renewal loses the lease");
        return problems;
    }
}
