using Hotswap.Core.Documents;
using Hotswap.Core.Observed;
using Hotswap.Core.Parsing;
using Hotswap.Core.Spec;
using Hotswap.Effects.Simulation;
using LanguageExt;

namespace Hotswap.Operator.Cli;

/// <summary>Reads the CLI's input files; every problem becomes lines for stderr, never an exception.</summary>
public static class Inputs
{
    public static Either<Seq<string>, SystemSpec> System(FileInfo file) =>
        Read(file).Bind(text => SystemManifest.Parse(text).ToEither().MapLeft(errors => Lines(file, errors)));

    public static Either<Seq<string>, World> World(FileInfo file) =>
        Read(file).Bind(text => WorldDocument.Parse(text).ToEither().MapLeft(errors => Lines(file, errors)));

    public static Either<Seq<string>, SimulationScenario> Scenario(FileInfo file) =>
        Read(file).Bind(text => ScenarioDocument.Parse(text).ToEither().MapLeft(errors => Lines(file, errors)));

    private static Either<Seq<string>, string> Read(FileInfo file)
    {
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Prelude.Seq1($"{file}: cannot read: {e.Message}");
        }
    }

    /// <summary>"file:line: path: message" — the shape editors and CI logs link to.</summary>
    public static Seq<string> Lines(FileInfo file, Seq<SpecError> errors) =>
        errors.Map(e =>
        {
            var where = e.Line is { } line ? $"{file}:{line}" : $"{file}";
            return e.Path.Length > 0 ? $"{where}: {e.Path}: {e.Message}" : $"{where}: {e.Message}";
        });
}
