using Hotswap.Core.Parsing;
using Hotswap.Core.Spec;
using Hotswap.Core.Templates;

namespace Hotswap.Core.Validation;

public static partial class SystemValidation
{
    static IEnumerable<(ApplicationSpec App, CheckSpec Check, string Path)> Checks(SystemSpec spec) =>
        Apps(spec).SelectMany(a => a.App.Checks.Select((c, i) => (a.App, c, $"{a.Path}.checks[{i}]")));

    /// <summary>
    /// A query is non-empty, its placeholders are well formed, every name is one of
    /// <see cref="QueryTemplate.KnownVariables"/>, and the ALB ones appear only with alb.
    /// </summary>
    public static Validation<SpecError, Unit> QueriesAreWellFormed(SystemSpec spec) =>
        Report(Checks(spec).SelectMany(c => QueryErrors(c.App, c.Check, $"{c.Path}.analysis.query")));

    static IEnumerable<SpecError> QueryErrors(ApplicationSpec app, CheckSpec check, string path)
    {
        var who = $"application \"{app.Name}\", check \"{check.Name}\"";
        if (string.IsNullOrWhiteSpace(check.Analysis.Query))
            return [new SpecError("empty-query", path, $"{who}: analysis.query is required and must not be empty")];
        return QueryTemplate.Variables(check.Analysis.Query, path).Match(
            names => names.SelectMany(n => VariableErrors(app, who, n, path)),
            errors => errors.Map(e => e with { Message = $"{who}: {e.Message}" }));
    }

    static IEnumerable<SpecError> VariableErrors(ApplicationSpec app, string who, string name, string path)
    {
        if (!QueryTemplate.KnownVariables.Contains(name))
            return [new SpecError("unknown-template-variable", path,
                $"{who}: unknown variable {{{{.Vars.{name}}}}}{Spelling.DidYouMean(name, QueryTemplate.KnownVariables)} (known: {string.Join(", ", QueryTemplate.KnownVariables)})")];
        if (app.Alb.IsNone && QueryTemplate.AlbVariables.Contains(name))
            return [new SpecError("template-variable-needs-alb", path,
                $"{who}: {{{{.Vars.{name}}}}} has no value because the application has no alb")];
        return [];
    }

    /// <summary>At least one bound, and min &lt;= max when both are set.</summary>
    public static Validation<SpecError, Unit> AnalysisBoundsAreSound(SystemSpec spec) =>
        Report(Checks(spec).SelectMany(c =>
        {
            var (min, max) = (c.Check.Analysis.Min, c.Check.Analysis.Max);
            var who = $"application \"{c.App.Name}\", check \"{c.Check.Name}\"";
            if (min.IsNone && max.IsNone)
                return [new SpecError("missing-bound", $"{c.Path}.analysis",
                    $"{who}: set min, max or both; a check without bounds always passes")];
            return (from lo in min from hi in max where lo > hi select lo).IsSome
                ? [new SpecError("min-greater-than-max", $"{c.Path}.analysis.min",
                    $"{who}: min ({min.IfNone(0)}) is greater than max ({max.IfNone(0)}); no value can pass")]
                : Enumerable.Empty<SpecError>();
        }));

    /// <summary>
    /// interval &gt; 0; failureLimit and inconclusiveLimit between 0 and
    /// <see cref="Children.CheckStatus.MaxResults"/> - 1: a Check keeps its newest MaxResults
    /// measurements, so a limit at or above that could never trip.
    /// </summary>
    public static Validation<SpecError, Unit> AnalysisTimingIsSound(SystemSpec spec) =>
        Report(Checks(spec).SelectMany(c =>
        {
            var a = c.Check.Analysis;
            var who = $"application \"{c.App.Name}\", check \"{c.Check.Name}\"";
            var errors = new List<SpecError>();
            if (a.Interval <= TimeSpan.Zero)
                errors.Add(new("interval-not-positive", $"{c.Path}.analysis.interval",
                    $"{who}: interval must be greater than 0, got {a.Interval}"));
            if (a.FailureLimit < 0)
                errors.Add(new("limit-negative", $"{c.Path}.analysis.failureLimit",
                    $"{who}: failureLimit must be 0 or more, got {a.FailureLimit}"));
            if (a.InconclusiveLimit < 0)
                errors.Add(new("limit-negative", $"{c.Path}.analysis.inconclusiveLimit",
                    $"{who}: inconclusiveLimit must be 0 or more, got {a.InconclusiveLimit}"));
            const int most = Children.CheckStatus.MaxResults - 1;
            if (a.FailureLimit > most)
                errors.Add(new("limit-too-high", $"{c.Path}.analysis.failureLimit",
                    $"{who}: failureLimit must be at most {most}, got {a.FailureLimit}: a Check keeps its last {Children.CheckStatus.MaxResults} measurements, so a higher limit could never be reached"));
            if (a.InconclusiveLimit > most)
                errors.Add(new("limit-too-high", $"{c.Path}.analysis.inconclusiveLimit",
                    $"{who}: inconclusiveLimit must be at most {most}, got {a.InconclusiveLimit}: a Check keeps its last {Children.CheckStatus.MaxResults} measurements, so a higher limit could never be reached"));
            return errors;
        }));

    /// <summary>A precheck or postcheck runs a Job from its template, so the template must say something.</summary>
    public static Validation<SpecError, Unit> JobTemplatesAreNotEmpty(SystemSpec spec) =>
        Report(Apps(spec).SelectMany(a =>
            a.App.Prechecks.Select((j, i) => (Job: j, Path: $"{a.Path}.prechecks[{i}]", Kind: "precheck"))
                .Concat(a.App.Postchecks.Select((j, i) => (Job: j, Path: $"{a.Path}.postchecks[{i}]", Kind: "postcheck")))
                .Where(j => j.Job.TemplateJson is "" or "{}" or "null")
                .Select(j => new SpecError("empty-job-template", $"{j.Path}.job.template",
                    $"application \"{a.App.Name}\", {j.Kind} \"{j.Job.Name}\": job.template is required and must not be empty"))));
}
