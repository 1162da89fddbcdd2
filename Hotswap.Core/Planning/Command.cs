using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Spec;

namespace Hotswap.Core.Planning;

/// <summary>
/// The closed set of things a decision can ask the shell to do. Every command states absolute
/// desired state, so executing one twice is harmless.
/// </summary>
public abstract record Command
{
    private Command() { }

    /// <summary>Short verb for tables and logs, e.g. "set-weights".</summary>
    public abstract string Action { get; }

    /// <summary>The object or resource the command writes.</summary>
    public abstract string Target { get; }

    /// <summary>The desired state, in a few words.</summary>
    public abstract string Detail { get; }

    /// <summary>True when executing it deletes workloads somewhere.</summary>
    public virtual bool Destructive => false;

    /// <summary>Save the last good state as a ControllerRevision owned by the System.</summary>
    public sealed record SaveRevision(string System, Revision Revision) : Command
    {
        public override string Action => "save-revision";
        public override string Target => $"controllerrevision/{System}-{Revision.Number}";
        public override string Detail => $"revision {Revision.Number}: {Revision.Applications.Count} application(s)";
    }

    /// <summary>Create or update an ArgoCDCluster child to this spec.</summary>
    public sealed record ApplyArgoCDCluster(ArgoCDClusterSpec Spec) : Command
    {
        public override string Action => "apply";
        public override string Target => $"argocdcluster/{Spec.Name}";
        public override string Detail => $"eks {Spec.EksClusterName}";
    }

    /// <summary>
    /// Delete an ArgoCDCluster child (and with it, through its ownerReference, its cluster secret)
    /// once its cluster left the spec and no membership set holds it any more.
    /// </summary>
    public sealed record DeleteArgoCDCluster(string Name) : Command
    {
        public override string Action => "delete";
        public override string Target => $"argocdcluster/{Name}";
        public override string Detail => "cluster left the spec and every membership set";
    }

    /// <summary>Create or update an ArgoCDApplicationDeployment child: its desired members.</summary>
    /// <remarks>
    /// When the new members drop clusters from the set, this is where decommissioning is decided:
    /// <see cref="Leaving"/> names them and <see cref="Decommissions"/> the Applications ArgoCD will
    /// delete with their workloads, so the plan that decides it shows it as destructive.
    /// </remarks>
    public sealed record ApplyApplicationDeployment(
        ApplicationDeploymentSpec Spec, Seq<string> Leaving = default, Seq<string> Decommissions = default) : Command
    {
        public override string Action => "apply";
        public override string Target => $"argocdapplicationdeployment/{Spec.Name}";
        public override string Detail =>
            $"members [{string.Join(", ", Spec.ClusterNames)}]"
            + (Leaving.IsEmpty ? "" : $"; {string.Join(", ", Leaving)} leave {Spec.ClusterSecret.Name}")
            + (Decommissions.IsEmpty ? "" : $"; decommissions {string.Join(", ", Decommissions)}");
        public override bool Destructive => !Decommissions.IsEmpty;
    }

    /// <summary>Create or update a Check child.</summary>
    public sealed record ApplyCheck(CheckObjectSpec Spec) : Command
    {
        public override string Action => "apply";
        public override string Target => $"check/{Spec.Name}";
        public override string Detail =>
            $"{(Spec.Suspended ? "suspended" : "active")}, analysis-hash {Spec.AnalysisHash}";
    }

    /// <summary>Delete a Check child the spec no longer has.</summary>
    public sealed record DeleteCheck(string Name) : Command
    {
        public override string Action => "delete";
        public override string Target => $"check/{Name}";
        public override string Detail => "no longer in the spec";
    }

    /// <summary>Set a listener rule's forward action to exactly these weights (ModifyRule).</summary>
    public sealed record SetForwardWeights(string Application, RuleKey Rule, ForwardConfig Forward) : Command
    {
        public override string Action => "set-weights";
        public override string Target => $"rule/{Rule}";
        public override string Detail => Forward.ToString();
    }

    /// <summary>Create a precheck or postcheck Job (AlreadyExists is success).</summary>
    public sealed record CreateJob(
        string Name, string Application, string Check, JobKind Kind, string TemplateJson, string ForwardHash) : Command
    {
        public override string Action => "create-job";
        public override string Target => $"job/{Name}";
        public override string Detail => $"{Kind.ToString().ToLowerInvariant()} {Check} for forward-config {ForwardHash}";
    }

    /// <summary>
    /// Delete a finished precheck or postcheck Job that is no longer needed (NotFound is success);
    /// the last few of each application are kept for debugging.
    /// </summary>
    public sealed record DeleteJob(string Name, string Application) : Command
    {
        public override string Action => "delete";
        public override string Target => $"job/{Name}";
        public override string Detail => $"finished {Application} job, beyond the last {Planning.JobCleanup.Keep} kept";
    }

    /// <summary>Write an ArgoCD cluster secret's data (server, config); labels are left alone.</summary>
    public sealed record WriteClusterSecret(string Name, string ClusterName, string Server, string Config) : Command
    {
        public override string Action => "write-secret";
        public override string Target => $"secret/{Name}";
        public override string Detail => $"server {Server}";
    }

    /// <summary>Put a membership set's labels on a cluster secret and record the membership.</summary>
    public sealed record JoinMembership(string Secret, string Set, Map<string, string> Labels) : Command
    {
        public override string Action => "join";
        public override string Target => $"secret/{Secret}";
        public override string Detail => $"set {Set}: {Labels.FormatLabels()}";
    }

    /// <summary>
    /// Remove a membership set's labels from a cluster secret. ArgoCD then deletes the Applications
    /// it generated there (listed in <see cref="Decommissions"/>) and their workloads.
    /// </summary>
    public sealed record LeaveMembership(
        string Secret, string Set, Map<string, string> Labels, Seq<string> Decommissions) : Command
    {
        public override string Action => "leave";
        public override string Target => $"secret/{Secret}";
        public override string Detail => Decommissions.IsEmpty
            ? $"set {Set}"
            : $"set {Set}; decommissions {string.Join(", ", Decommissions)}";
        public override bool Destructive => !Decommissions.IsEmpty;
    }

    /// <summary>Put hotswap's finalizer on the System, so deleting it first cleans up its cluster secrets.</summary>
    public sealed record AddFinalizer(string System) : Command
    {
        public override string Action => "add-finalizer";
        public override string Target => $"system/{System}";
        public override string Detail => $"{SystemFinalizer.Name}: clean up ArgoCD cluster secrets on delete";
    }

    /// <summary>
    /// Delete a cluster secret (an adopted one is released, not deleted): of a System being deleted,
    /// or of a cluster that left the spec and every membership set (<paramref name="Why"/> says which).
    /// ArgoCD then forgets the cluster and deletes the Applications it generated there.
    /// </summary>
    public sealed record DeleteClusterSecret(string Name, Seq<string> Decommissions, string Why = DeleteClusterSecret.SystemDeleted) : Command
    {
        public const string SystemDeleted = "the System is being deleted";
        public const string ClusterLeft = "cluster left the spec and every membership set";

        public override string Action => "delete";
        public override string Target => $"secret/{Name}";
        public override string Detail => Decommissions.IsEmpty
            ? Why
            : $"{Why}; decommissions {string.Join(", ", Decommissions)}";
        public override bool Destructive => !Decommissions.IsEmpty;
    }

    /// <summary>Remove hotswap's finalizer once the System's cluster secrets are gone; the System then goes.</summary>
    public sealed record RemoveFinalizer(string System) : Command
    {
        public override string Action => "remove-finalizer";
        public override string Target => $"system/{System}";
        public override string Detail => "every cluster secret is gone";
    }

    /// <summary>Measure an analysis query once; the result is folded into the Check's status.</summary>
    public sealed record RunAnalysis(string Check, MetricProvider Provider, string Query) : Command
    {
        public override string Action => "measure";
        public override string Target => $"check/{Check}";
        public override string Detail => $"{Provider.ToString().ToLowerInvariant()}: {Query.Trim()}";
    }
}
