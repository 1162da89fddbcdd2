using Hotswap.Effects;

namespace Hotswap.Operator.Running;

/// <summary>A work-queue key: one object to reconcile, in the namespace of its System.</summary>
public sealed record QueueKey(string Namespace, ObjectKey Key)
{
    /// <summary>As logs name it: "team-a/system/mysystem".</summary>
    public override string ToString() => $"{Namespace}/{Key}";
}
