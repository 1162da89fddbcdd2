using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hotswap.Core.Observed;
using Hotswap.Core.Parsing;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Properties.Model;

namespace Hotswap.Properties;

/// <summary>Invalid input yields validation errors and no commands, never an exception.</summary>
public sealed class InputProperties
{
    private static readonly string[] Reference = File.ReadAllLines(RepoFiles.PathOf("examples", "mysystem-v2.yaml"));

    private static readonly string[] Junk =
        ["lables:", "stepWeight: -1", "totalWeight: 1000", "- name: web", "{{.Vars.nope}}", "\"", ": :", "[", "priority: ten",
         "type: DeleteBeforeCreate", "arn: arn:aws:nope", "interval: 5 minutes", "max: \"a\"", "\t", "---", "kind: Other"];

    /// <summary>The reference manifest with 1–4 random edits: lines deleted, duplicated, replaced, re-indented.</summary>
    private static Gen<(int Op, int Line, string Junk)> Edit =>
        from op in Gen.Choose(0, 3)
        from line in Gen.Choose(0, Reference.Length - 1)
        from junk in Gen.Elements(Junk)
        select (op, line, junk);

    private static Gen<string> MutatedManifest => Gens.SeqOf(Edit, 1, 4).Select(edits => Apply(edits));

    private static string Apply(IEnumerable<(int Op, int Line, string Junk)> edits)
    {
        var lines = Reference.ToList();
        foreach (var (op, at, junk) in edits)
        {
            var i = Math.Min(at, lines.Count - 1);
            if (i < 0) break;
            switch (op)
            {
                case 0: lines.RemoveAt(i); break;
                case 1: lines.Insert(i, lines[i]); break;
                case 2: lines[i] = lines[i][..(lines[i].Length - lines[i].TrimStart().Length)] + junk; break;
                default: lines[i] = "  " + lines[i]; break;
            }
        }
        return string.Join("\n", lines);
    }

    [Property(MaxTest = 1000)]
    public Property A_mangled_manifest_parses_or_yields_errors_never_an_exception() =>
        Prop.ForAll(MutatedManifest.ToArbitrary(), text =>
        {
            var result = SystemManifest.Parse(text);
            var errors = result.FailToSeq();
            return (result.IsSuccess || !errors.IsEmpty).Label("valid, or at least one error")
                .And(errors.ForAll(Locatable).Label("every error has a message and a path or a line: " + string.Join(" | ", errors.Filter(e => !Locatable(e)).Map(e => $"{e.Code} [{e.Path}] {e.Message}"))))
                .Classify(result.IsSuccess, "still valid");
        });

    private static bool Locatable(SpecError e) => e.Message.Length > 0 && (e.Path.Length > 0 || e.Line is not null);

    /// <summary>A valid generated System broken in one of the ways validation must catch.</summary>
    private static Gen<(SystemSpec Spec, string Broken)> InvalidSystem =>
        from m in Gens.Migration
        from how in Gen.Choose(0, 5)
        select Break(m.V2, how);

    private static (SystemSpec, string) Break(SystemSpec spec, int how)
    {
        var app = spec.Applications[0];
        SystemSpec With(ApplicationSpec a) => spec with { Applications = spec.Applications.Map(x => x.Name == app.Name ? a : x) };
        var alb = app.Alb.IfNone(() => new AlbSpec(Fixtures.Listener, 10, new TargetGroupSource.FromLabel("targetGroupARN"), 10, 100));
        return how switch
        {
            0 => (With(app with { Alb = Some(alb with { StepWeight = 0 }) }), "stepWeight 0"),
            1 => (With(app with { Alb = Some(alb with { TotalWeight = 1000, StepWeight = 10 }) }), "totalWeight 1000"),
            2 => (With(app with { Alb = Some(alb), ArgoCd = app.ArgoCd with { UpdateStrategy = UpdateStrategyType.DeleteBeforeCreate } }), "DeleteBeforeCreate with alb"),
            3 => (spec with { Clusters = spec.Clusters + spec.Clusters.Take(1) }, "duplicate cluster"),
            4 => (With(app with { Checks = Seq1(new CheckSpec("bad", new AnalysisSpec("q{{.Vars.podName}}", None, Some(1.0),
                TimeSpan.FromMinutes(1), MetricProvider.Datadog, 0, 3))) }), "unknown template variable"),
            _ => (With(app with { Alb = Some(alb with { Priority = 0 }) }), "priority 0"),
        };
    }

    [Property(MaxTest = 1000)]
    public Property An_invalid_System_yields_errors_and_no_commands() =>
        Prop.ForAll(InvalidSystem.ToArbitrary(), x =>
        {
            var planned = Reconciliation.PlanValidated(x.Spec, World.Empty, Fixtures.Start);
            return planned.IsFail.Label($"{x.Broken}: rejected")
                .And((!planned.FailToSeq().IsEmpty).Label("with at least one error"))
                .Classify(true, x.Broken);
        });
}
