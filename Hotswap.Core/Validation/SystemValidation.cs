using Hotswap.Core.Planning;
using Hotswap.Core.Spec;

namespace Hotswap.Core.Validation;

/// <summary>
/// The rules a parsed System must satisfy beyond its shape. Each rule is one public static
/// method, independent of the others, returning every violation it finds; <see cref="Validate"/>
/// runs them all and collects every error (applicative, never stopping at the first).
/// Paths match the parser's (<c>spec.applications[0].alb.updateStrategy.stepWeight</c>) so the
/// parser can attach line numbers.
/// </summary>
public static partial class SystemValidation
{
    /// <summary>Every rule, in the order their errors are listed.</summary>
    public static readonly Seq<Func<SystemSpec, Validation<SpecError, Unit>>> Rules =
        Seq<Func<SystemSpec, Validation<SpecError, Unit>>>(
            NamesAreDns1123Labels,
            ClusterNamesAreUnique,
            ApplicationNamesAreUnique,
            CheckNamesAreUniquePerApplication,
            ClusterSelectorIsSetWhenSeveralClusters,
            ClusterSelectorMatchesSomeCluster,
            SelectorsAreWellFormed,
            SharedTargetGroupServesOneCluster,
            TargetGroupLabelsHoldArns,
            ArnsAreWellFormed,
            DeleteBeforeCreateHasNoAlb,
            WeightsAreInRange,
            TargetGroupsFitInForwardAction,
            PriorityIsInRange,
            ListenerRulesHaveOneOwner,
            QueriesAreWellFormed,
            AnalysisBoundsAreSound,
            AnalysisTimingIsSound,
            JobTemplatesAreNotEmpty,
            MembershipLabelsDoNotConflict,
            SharedClusterSecretsAgree,
            ApplicationSetIsNameOrSelector,
            ReadyTimeoutsArePositive,
            RollbackDelayIsNotNegative);

    /// <summary>The spec unchanged, or every error every rule found.</summary>
    public static Validation<SpecError, SystemSpec> Validate(SystemSpec spec) =>
        Rules.Map(rule => rule(spec)).Sequence().Map(_ => spec);

    /// <summary>Success when <paramref name="errors"/> is empty, else all of them.</summary>
    static Validation<SpecError, Unit> Report(IEnumerable<SpecError> errors)
    {
        var all = toSeq(errors).Strict();
        return all.IsEmpty ? Success<SpecError, Unit>(unit) : Fail<SpecError, Unit>(all);
    }

    static IEnumerable<(ApplicationSpec App, string Path)> Apps(SystemSpec spec) =>
        spec.Applications.Select((a, i) => (a, $"spec.applications[{i}]"));

    static IEnumerable<(ClusterSpec Cluster, string Path)> Clusters(SystemSpec spec) =>
        spec.Clusters.Select((c, i) => (c, $"spec.clusters[{i}]"));

    /// <summary>The clusters an application's selector picks, in manifest order.</summary>
    public static Seq<ClusterSpec> Matched(SystemSpec spec, ApplicationSpec app) =>
        spec.Clusters.Filter(c => app.ClusterSelector.Matches(c.Labels)).Strict();

    static string Names(IEnumerable<ClusterSpec> clusters) => string.Join(", ", clusters.Select(c => c.Name));

    static IEnumerable<(ApplicationSpec App, string Path, AlbSpec Alb)> AlbApps(SystemSpec spec) =>
        Apps(spec).SelectMany(a => a.App.Alb.Map(alb => (a.App, a.Path, alb)).ToSeq());
}
