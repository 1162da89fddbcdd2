namespace Hotswap.Operator.Hosting;

/// <summary>How log lines are written: one JSON object per line (for log pipelines), or key=value text (for people).</summary>
public enum LogFormat
{
    Json,
    Text,
}
