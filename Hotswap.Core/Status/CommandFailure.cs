namespace Hotswap.Core.Status;

/// <summary>
/// A command of an object's last reconcile that failed, as that object's status records it: so
/// the next plan sees it (outcomes are inputs), people see it (status message, a Degraded
/// condition), and it survives an operator restart.
/// </summary>
/// <param name="Action">The command's verb, e.g. "set-weights".</param>
/// <param name="Target">What it wrote, e.g. "rule/arn:…#10".</param>
/// <param name="At">When it failed.</param>
/// <param name="Code">The error's code as the API named it: Throttled, ServerError, Conflict, NotFound, Validation, … (CamelCase, so it is also the Degraded condition's reason).</param>
/// <param name="Message">The error's message, as the API returned it.</param>
public sealed record CommandFailure(string Action, string Target, DateTimeOffset At, string Code, string Message)
{
    /// <summary>e.g. "set-weights rule/…#10 failed at 2026-11-24T10:03:12Z: Throttled: Rate exceeded".</summary>
    public override string ToString() =>
        $"{Action} {Target} failed at {At.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}: {Code}: {Message}";
}
