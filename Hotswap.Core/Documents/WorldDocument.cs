using Hotswap.Core.Observed;
using Hotswap.Core.Spec;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

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
    public static Validation<SpecError, World> Parse(string text)
    {
        var errors = new List<SpecError>();
        var world = Load(text ?? "", errors).Bind(root => MappingReader.IsNull(root)
            ? Some(World.Empty)
            : MappingReader.Of(root, "", errors, WorldReader.TopLevel).Map(WorldReader.Read));
        return errors.Count > 0
            ? Fail<SpecError, World>(errors.ToSeq())
            : world.Match(Success<SpecError, World>, () => Success<SpecError, World>(World.Empty));
    }

    private static Option<YamlNode> Load(string text, List<SpecError> errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            errors.Add(new SpecError("yaml-syntax", "world", e.Message, (int)e.Start.Line));
            return None;
        }
        if (stream.Documents.Count > 1)
        {
            errors.Add(new SpecError("yaml-syntax", "world",
                "expected one document, found " + stream.Documents.Count,
                (int)stream.Documents[1].RootNode.Start.Line));
            return None;
        }
        return stream.Documents.Count == 0 ? None : Some(stream.Documents[0].RootNode);
    }

    /// <summary>
    /// The world as YAML that <see cref="Parse"/> reads back to an equal World. Deterministic:
    /// collections keyed by name are sorted by key, lists keep their order, absent and empty
    /// values are left out. (Keyed collections are written by each record's own name, so a World
    /// built in code round-trips when its keys are those names, as the observer builds them.)
    /// </summary>
    public static string Write(World world) =>
        YamlText.Write(DocumentShapes.World(world), ["hotswap world: a snapshot of what the observer reads (see docs/world.md)"]);
}
