using System.Text.RegularExpressions;

namespace Hotswap.Operator.Tests.Packaging;

/// <summary>
/// The repository's Dockerfile, read well enough to replay its build stage without Docker: the
/// stages, their instructions, and the build context as .dockerignore leaves it.
/// </summary>
public sealed class Dockerfile(IReadOnlyList<IReadOnlyList<DockerInstruction>> stages, IReadOnlyList<string> ignore)
{
    public IReadOnlyList<IReadOnlyList<DockerInstruction>> Stages => stages;

    public static Dockerfile Read(string root)
    {
        var instructions = new List<DockerInstruction>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(Path.Combine(root, "Dockerfile")))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#'))) continue;
            if (line.EndsWith('\\')) { pending += line[..^1] + " "; continue; }
            var full = (pending + line).Trim();
            pending = "";
            var space = full.IndexOf(' ');
            instructions.Add(new DockerInstruction(full[..space].ToUpperInvariant(), full[(space + 1)..].Trim()));
        }
        var stages = new List<IReadOnlyList<DockerInstruction>>();
        foreach (var i in instructions.SkipWhile(i => i.Keyword != "FROM"))
        {
            if (i.Keyword == "FROM") stages.Add(new List<DockerInstruction>());
            ((List<DockerInstruction>)stages[^1]).Add(i);
        }
        var ignore = File.ReadAllLines(Path.Combine(root, ".dockerignore"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        return new Dockerfile(stages, ignore);
    }

    public IEnumerable<DockerInstruction> All(int stage, string keyword) => stages[stage].Where(i => i.Keyword == keyword);

    /// <summary>The value of the last instruction <paramref name="keyword"/> in <paramref name="stage"/>.</summary>
    public string Last(int stage, string keyword) => All(stage, keyword).Last().Arguments;

    /// <summary>Whether .dockerignore keeps <paramref name="path"/> (relative, with '/') out of the build context.</summary>
    public bool Ignored(string path)
    {
        if (ignore.Any(p => p.StartsWith('!')))
            throw new NotSupportedException(".dockerignore exceptions (!) are not replayed by this test");
        return ignore.Any(p => Pattern(p).IsMatch(path));
    }

    /// <summary>Docker's patterns (Go's filepath.Match plus **): a match of a folder excludes what is inside it.</summary>
    private static Regex Pattern(string pattern)
    {
        var p = pattern.TrimEnd('/');
        var regex = Regex.Escape(p).Replace(@"\*\*/", "(.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]");
        return new Regex($"^{regex}(/.*)?$", RegexOptions.CultureInvariant);
    }

    /// <summary>
    /// Copies what the stage's COPY instructions take from the build context (as .dockerignore
    /// leaves it) into <paramref name="workdir"/>, as Docker would lay it out in the image.
    /// </summary>
    public void CopyContext(int stage, string root, string workdir)
    {
        foreach (var copy in All(stage, "COPY").Where(c => !c.Arguments.StartsWith("--from", StringComparison.Ordinal)))
        {
            var parts = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var destination = Path.Combine(workdir, parts[^1]);
            foreach (var source in parts[..^1])
            {
                var from = Path.Combine(root, source.TrimEnd('/'));
                if (File.Exists(from))
                {
                    Directory.CreateDirectory(destination);
                    File.Copy(from, Path.Combine(destination, Path.GetFileName(from)), overwrite: true);
                    continue;
                }
                Assert.True(Directory.Exists(from), $"COPY {source}: no such file or folder in the build context");
                foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
                {
                    var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                    if (Ignored(relative)) continue;
                    var target = Path.Combine(destination, Path.GetRelativePath(from, file));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(file, target, overwrite: true);
                }
            }
        }
    }
}
