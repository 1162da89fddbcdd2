using Hotswap.Core.Observed;

namespace Hotswap.Effects;

/// <summary>What one observation read: the World for the planners, and the resourceVersions the recorder writes statuses against.</summary>
/// <param name="World">The snapshot the planners take.</param>
/// <param name="SystemVersion">The System's resourceVersion.</param>
/// <param name="Versions">Each child object's resourceVersion, by kind-qualified name ("check/x").</param>
public sealed record Observation(World World, string SystemVersion, HashMap<string, string> Versions)
{
    /// <summary>
    /// The rules DescribeRules returned for the System's rules, as AWS sent them, by rule ARN: the
    /// interpreter's ModifyRule keeps their other actions and the forward action's stickiness.
    /// </summary>
    public HashMap<string, Ports.RuleDescription> Rules { get; init; }
}
