using System.Text;

namespace Hotswap.EndToEnd.Tests.Stage;

/// <summary>
/// What a person would see during a run, kept as console text: commands and their output. Written
/// to the file HOTSWAP_E2E_TRANSCRIPT names (how docs/operating.md's real output was made), and
/// always to the test's output.
/// </summary>
public sealed class Transcript
{
    private readonly StringBuilder text = new();

    /// <summary>"$ command" and its output.</summary>
    public void Add(string command, string result)
    {
        lock (text) text.Append("$ ").Append(command).Append('\n').Append(result.TrimEnd('\n')).Append("\n\n");
    }

    public override string ToString()
    {
        lock (text) return text.ToString();
    }

    /// <summary>Writes the transcript to $HOTSWAP_E2E_TRANSCRIPT when set; returns the path written, or null.</summary>
    public string? Save()
    {
        if (Environment.GetEnvironmentVariable("HOTSWAP_E2E_TRANSCRIPT") is not { Length: > 0 } path) return null;
        File.WriteAllText(path, ToString());
        return path;
    }
}
