using LanguageExt;

namespace Hotswap.Core.Observed;

/// <summary>
/// The System object's own lifecycle as the API server reports it. The ArgoCD cluster secrets live
/// in another namespace, where ownerReferences cannot reach, so a finalizer on the System keeps it
/// until they are gone.
/// </summary>
/// <param name="HasFinalizer">metadata.finalizers holds <see cref="Planning.SystemFinalizer.Name"/>.</param>
/// <param name="DeletionRequestedAt">metadata.deletionTimestamp: someone deleted the System.</param>
public sealed record SystemLifecycle(bool HasFinalizer, Option<DateTimeOffset> DeletionRequestedAt)
{
    public bool IsBeingDeleted => DeletionRequestedAt.IsSome;
}
