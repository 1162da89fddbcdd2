using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Status;

namespace Hotswap.Effects.Ports;

/// <summary>
/// The control-plane cluster, as hotswap uses it: its own kinds, the System's status, its
/// ControllerRevisions, ArgoCD cluster Secrets, Jobs, ArgoCD's ApplicationSets and Applications,
/// and the TargetGroupBindings inside each workload cluster. Every call may throw
/// <see cref="PortException"/>.
/// One instance serves the Systems of one namespace (<see cref="Namespace"/>): the System, its
/// children, Jobs and ControllerRevisions live there; cluster Secrets, ApplicationSets and
/// Applications live in the ArgoCD namespace the instance was built for. Names passed to and
/// returned by the port are relative to that scope.
/// </summary>
public interface IKubernetesObjects
{
    /// <summary>The namespace of the Systems this instance serves.</summary>
    string Namespace { get; }

    IChildObjects<ArgoCDClusterSpec, ArgoCDClusterStatus> ArgoCDClusters { get; }

    IChildObjects<ApplicationDeploymentSpec, ApplicationDeploymentStatus> ApplicationDeployments { get; }

    IChildObjects<CheckObjectSpec, CheckStatus> Checks { get; }

    /// <summary>The System; NotFound when it does not exist.</summary>
    Task<SystemObject> GetSystemAsync(string name);

    /// <summary>Write System.status; Conflict when <paramref name="resourceVersion"/> is stale.</summary>
    Task UpdateSystemStatusAsync(string name, SystemStatus status, string resourceVersion);

    /// <summary>
    /// Add <paramref name="finalizer"/> to the System's metadata.finalizers (no-op when present),
    /// guarded by <paramref name="resourceVersion"/>: Conflict when stale.
    /// </summary>
    Task AddSystemFinalizerAsync(string name, string finalizer, string resourceVersion);

    /// <summary>
    /// Remove <paramref name="finalizer"/> (no-op when absent), guarded by <paramref name="resourceVersion"/>.
    /// A System being deleted goes away once its last finalizer is removed.
    /// </summary>
    Task RemoveSystemFinalizerAsync(string name, string finalizer, string resourceVersion);

    /// <summary>Create a ControllerRevision owned by the System; AlreadyExists for a taken number.</summary>
    Task SaveRevisionAsync(string system, Revision revision);

    /// <summary>The System's ControllerRevisions, oldest first.</summary>
    Task<Seq<Revision>> ListRevisionsAsync(string system);

    /// <summary>Cluster secrets (label argocd.argoproj.io/secret-type=cluster) in the ArgoCD namespace.</summary>
    Task<Seq<SecretObject>> ListClusterSecretsAsync();

    /// <summary>One Secret; NotFound when missing.</summary>
    Task<SecretObject> GetSecretAsync(string name);

    /// <summary>Create a Secret owned by <paramref name="owner"/> (an ArgoCDCluster name); AlreadyExists when taken.</summary>
    Task CreateSecretAsync(string name, string owner, Map<string, string> data, Map<string, string> labels);

    /// <summary>Merge-patch data keys; NotFound when missing.</summary>
    Task PatchSecretDataAsync(string name, Map<string, string> data);

    /// <summary>
    /// Merge-patch labels (set, remove) and annotations (set; an empty value removes), guarded by
    /// <paramref name="resourceVersion"/>: Conflict when stale.
    /// </summary>
    Task PatchSecretMetadataAsync(
        string name, Map<string, string> setLabels, Seq<string> removeLabels,
        Map<string, string> annotations, string resourceVersion);

    /// <summary>
    /// Delete a cluster secret hotswap wrote; a secret it adopted (made by someone else for the same
    /// server) is released instead: hotswap's labels and annotations are removed, the secret stays.
    /// NotFound when missing.
    /// </summary>
    Task DeleteClusterSecretAsync(string name);

    /// <summary>Create a Job; AlreadyExists when the name is taken.</summary>
    Task CreateJobAsync(string name, Map<string, string> labels, string templateJson);

    /// <summary>Delete a Job and its Pods (propagation Background); NotFound when it is already gone.</summary>
    Task DeleteJobAsync(string name);

    /// <summary>Jobs carrying every label of <paramref name="selector"/>.</summary>
    Task<Seq<JobObject>> ListJobsAsync(Map<string, string> selector);

    /// <summary>ApplicationSets in the ArgoCD namespace.</summary>
    Task<Seq<ApplicationSetState>> ListApplicationSetsAsync();

    /// <summary>Applications in the ArgoCD namespace.</summary>
    Task<Seq<ArgoApplication>> ListApplicationsAsync();

    /// <summary>TargetGroupBindings inside one workload cluster (reached with an EKS token).</summary>
    Task<Seq<TargetGroupBinding>> ListTargetGroupBindingsAsync(string cluster, string eksClusterName);
}
