using Hotswap.Core.Observed;
using Hotswap.Core.Spec;

namespace Hotswap.Core.Planning;

/// <summary>
/// Look-ups a reconcile makes many times, built once per plan so the planners stay linear in the
/// size of the System: members of each set, Applications by ApplicationSet and destination,
/// ApplicationSets by name, spec clusters by label.
/// </summary>
/// <remarks>
/// The membership look-up is built at once (every application reads it); the ArgoCD look-ups are
/// built on first use, since a decision reads them only for a member that is not Deployed or
/// that leaves its set.
/// </remarks>
public sealed class WorldIndex
{
    private readonly Dictionary<string, Seq<string>> membersBySet;
    private readonly Lazy<ArgoIndex> argo;

    public World World { get; }

    private WorldIndex(World world)
    {
        World = world;
        var members = new Dictionary<string, List<string>>();
        foreach (var secret in world.ClusterSecrets.Values)
            foreach (var set in secret.Memberships)
            {
                if (!members.TryGetValue(set, out var list)) members[set] = list = new List<string>();
                list.Add(secret.Name);
            }
        membersBySet = new Dictionary<string, Seq<string>>(members.Count);
        foreach (var (set, list) in members)
        {
            list.Sort(StringComparer.Ordinal);
            membersBySet[set] = list.ToSeq().Strict();
        }
        argo = new Lazy<ArgoIndex>(() => new ArgoIndex(world));
    }

    public static WorldIndex Of(World world) => new(world);

    private WorldIndex(WorldIndex other, World world)
    {
        World = world;
        membersBySet = other.membersBySet;
        argo = other.argo;
    }

    /// <summary>
    /// The same look-ups over a world that differs only in its children (ArgoCDClusters,
    /// Deployments, Checks, their statuses), which the index does not cover.
    /// </summary>
    public WorldIndex WithChildren(World world) => new(this, world);

    /// <summary>Secret names in the membership set, sorted.</summary>
    public Seq<string> Members(string set) => membersBySet.TryGetValue(set, out var m) ? m : Seq<string>();

    public Option<ArgoApplication> Application(string applicationSet, string destination) =>
        argo.Value.Applications.TryGetValue((applicationSet, destination), out var a) ? Some(a) : None;

    /// <summary>Applications deployed to one cluster, by name.</summary>
    public Seq<ArgoApplication> ApplicationsOn(string destination) =>
        argo.Value.ApplicationsByDestination.TryGetValue(destination, out var a) ? a : Seq<ArgoApplication>();

    /// <summary>ApplicationSets chosen by argocd.applicationSet.name or .selector.</summary>
    public Seq<ApplicationSetState> Selected(ApplicationSetRef reference) =>
        reference.Name.Match(
            name => argo.Value.SetsByName.TryGetValue(name, out var s) ? s : Seq<ApplicationSetState>(),
            () => World.ApplicationSets.Filter(s => reference.Selector.Matches(s.Labels)));

    /// <summary>Applications by ApplicationSet and destination, by destination; ApplicationSets by name.</summary>
    private sealed class ArgoIndex
    {
        public readonly Dictionary<(string Set, string Destination), ArgoApplication> Applications = new();
        public readonly Dictionary<string, Seq<ArgoApplication>> ApplicationsByDestination;
        public readonly Dictionary<string, Seq<ApplicationSetState>> SetsByName;

        public ArgoIndex(World world)
        {
            var onCluster = new Dictionary<string, List<ArgoApplication>>();
            foreach (var a in world.Applications)
            {
                Applications.TryAdd((a.ApplicationSet, a.DestinationCluster), a);
                if (!onCluster.TryGetValue(a.DestinationCluster, out var list)) onCluster[a.DestinationCluster] = list = new List<ArgoApplication>();
                list.Add(a);
            }
            ApplicationsByDestination = new Dictionary<string, Seq<ArgoApplication>>(onCluster.Count);
            foreach (var (cluster, list) in onCluster)
            {
                list.Sort((x, y) => string.CompareOrdinal(x.Name, y.Name));
                ApplicationsByDestination[cluster] = list.ToSeq().Strict();
            }
            var sets = new Dictionary<string, List<ApplicationSetState>>();
            foreach (var s in world.ApplicationSets)
            {
                if (!sets.TryGetValue(s.Name, out var list)) sets[s.Name] = list = new List<ApplicationSetState>();
                list.Add(s);
            }
            SetsByName = sets.ToDictionary(kv => kv.Key, kv => kv.Value.ToSeq().Strict());
        }
    }
}
