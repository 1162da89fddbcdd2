using System.CommandLine;
using Hotswap.Operator.Crds;

namespace Hotswap.Operator.Cli;

/// <summary>
/// <c>hotswap crds [--output-dir DIR]</c>: the CustomResourceDefinitions of hotswap's four kinds,
/// generated from the C# types and their doc comments. Without a directory they go to stdout as
/// one multi-document stream (<c>hotswap crds | kubectl apply -f -</c>); with one, one file per
/// kind plus a Kustomization (how deploy/crds/ is made).
/// </summary>
public static class CrdsCommand
{
    public static Command Build()
    {
        var dir = new Option<DirectoryInfo?>("--output-dir", "-o") { Description = "Write one file per kind and a Kustomization here" };
        var command = new Command("crds", "Print hotswap's CustomResourceDefinitions (System, ArgoCDCluster, ArgoCDApplicationDeployment, Check).") { dir };
        command.SetAction(result =>
        {
            IReadOnlyList<(string FileName, string Yaml)> files;
            try
            {
                files = new CrdGenerator(XmlDocs.ForCore()).Files();
            }
            catch (FileNotFoundException e)
            {
                Console.Error.WriteLine($"cannot generate the CRDs: {e.Message}");
                return 1;
            }
            if (result.GetValue(dir) is { } output)
            {
                output.Create();
                foreach (var (name, yaml) in files)
                    File.WriteAllText(Path.Combine(output.FullName, name), yaml);
                Console.Out.WriteLine($"wrote {files.Count} files to {output.FullName}");
                return 0;
            }
            var first = true;
            foreach (var (name, yaml) in files.Where(f => f.FileName != CrdGenerator.KustomizationFile))
            {
                if (!first) Console.Out.Write("---\n");
                Console.Out.Write(yaml);
                first = false;
            }
            return 0;
        });
        return command;
    }
}
