namespace Hotswap.Effects.Ports;

/// <summary>DescribeTargetHealth's TargetHealthDescription: the target's id and port, and its state (healthy, initial, unhealthy, unused, draining, unavailable).</summary>
public sealed record TargetHealthDescription(string TargetId, Option<int> Port, string State, string Reason)
{
    public bool IsHealthy => string.Equals(State, "healthy", StringComparison.OrdinalIgnoreCase);
}
