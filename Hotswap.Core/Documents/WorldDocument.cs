using Hotswap.Core.Observed;
using Hotswap.Core.Spec;

namespace Hotswap.Core.Documents;

/// <summary>
/// The world file: a snapshot of everything the observer would read from Kubernetes, EKS,
/// ELBv2 and the metric providers, written by hand or by <see cref="Write"/>, so that
/// <c>hotswap plan --world</c> can plan without a cluster. Format: docs/world.md.
/// </summary>
public static class WorldDocument
{
    /// <summary>
    /// Reads a world file (YAML or JSON). Every problem is reported with its field path and
    /// 1-based line; unknown fields come with a did-you-mean. Never throws on bad input.
    /// An empty document is <see cref="World.Empty"/>.
    /// </summary>
    public static Validation<SpecError, World> Parse(string text) =>
        MappingReader.Document(text, "world", WorldReader.TopLevel, WorldReader.Read, World.Empty);

    /// <summary>
    /// The world as YAML that <see cref="Parse"/> reads back to an equal World. Deterministic:
    /// collections keyed by name are sorted by key, lists keep their order, absent and empty
    /// values are left out. (Keyed collections are written by each record's own name, so a World
    /// built in code round-trips when its keys are those names, as the observer builds them.)
    /// </summary>
    public static string Write(World world) =>
        YamlText.Write(DocumentShapes.World(world), ["hotswap world: a snapshot of what the observer reads (see docs/world.md)"]);
}
