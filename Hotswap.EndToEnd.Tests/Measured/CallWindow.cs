using Hotswap.EndToEnd.Tests.Stage;

namespace Hotswap.EndToEnd.Tests.Measured;

/// <summary>
/// What one replica cost the servers over a window, counted at the servers (API server request
/// log, moto's recorder; Lease requests left out), against the reconciles it reported on
/// /metrics (hotswap_reconciles_total, every kind and result) over the same window.
/// </summary>
public sealed record CallWindow(double Reconciles, int KubeRequests, int KubeWrites, int AwsCalls, int AwsWrites,
    IReadOnlyList<(string Operation, int Calls)> Aws)
{
    public sealed record Mark(double Reconciles, long Kube, long Aws);

    public static async Task<Mark> StartAsync(Stage.Stage stage, Replica replica) =>
        new(await replica.MetricAsync("hotswap_reconciles_total") ?? 0, stage.Kube.Mark, stage.Aws.Mark);

    public static async Task<CallWindow> EndAsync(Stage.Stage stage, Replica replica, Mark mark)
    {
        var reconciles = (await replica.MetricAsync("hotswap_reconciles_total") ?? 0) - mark.Reconciles;
        var kube = stage.Kube.Since(mark.Kube, replica.Name).Where(r => !r.IsLease).ToList();
        var aws = stage.Aws.Since(mark.Aws).Where(c => c.AccessKeyId == replica.AccessKeyId).ToList();
        return new CallWindow(reconciles, kube.Count, kube.Count(r => r.IsWrite), aws.Count, aws.Count(c => c.IsWrite),
            [.. aws.GroupBy(c => c.Operation).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))]);
    }

    private static string Per(int calls, double reconciles) => reconciles > 0 ? (calls / reconciles).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "-";

    public override string ToString() =>
        $"{Reconciles:F0} reconciles; Kubernetes {KubeRequests} requests ({Per(KubeRequests, Reconciles)}/reconcile), {KubeWrites} writes ({Per(KubeWrites, Reconciles)}/reconcile); " +
        $"AWS {AwsCalls} calls ({Per(AwsCalls, Reconciles)}/reconcile), {AwsWrites} writes [{string.Join(", ", Aws.Select(a => $"{a.Operation} {a.Calls}"))}]";
}
