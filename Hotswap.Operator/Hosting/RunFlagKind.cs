namespace Hotswap.Operator.Hosting;

/// <summary>How a flag of <c>hotswap run</c> takes its value.</summary>
public enum RunFlagKind
{
    /// <summary>One value: <c>--workers 8</c>.</summary>
    Value,
    /// <summary>Given again for each value: <c>-n team-a -n team-b</c>; its variable separates them with commas.</summary>
    Repeated,
    /// <summary>True when given alone; <c>--dry-run=false</c> or <c>--dry-run false</c> turns it off.</summary>
    Switch,
}
