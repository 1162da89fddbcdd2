namespace Hotswap.EndToEnd.Tests.Stage;

/// <summary>How to start one <c>hotswap run</c> process (<see cref="Stage.StartReplicaAsync"/>).</summary>
public sealed record ReplicaOptions
{
    /// <summary>
    /// The replica's identity: its POD_NAME (the Lease holder), its bearer token (the user the API
    /// server records) and, upper-cased, the middle of its AWS access key id.
    /// </summary>
    public required string Name { get; init; }

    /// <summary>Namespaces it reconciles (--namespace); empty: all.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>--leader-election-id: replicas sharing it compete for one Lease in hotswap-system.</summary>
    public string LeaseName { get; init; } = "hotswap-operator";

    /// <summary>--leader-elect.</summary>
    public bool LeaderElect { get; init; } = true;

    /// <summary>--resync-period.</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>--lease-duration, --renew-deadline, --retry-period: short, so a hand-over takes seconds.</summary>
    public (TimeSpan Lease, TimeSpan Renew, TimeSpan Retry) Election { get; init; } =
        (TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1));

    /// <summary>--workers.</summary>
    public int Workers { get; init; } = 4;

    /// <summary>More flags, appended as given (e.g. "--dry-run").</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
