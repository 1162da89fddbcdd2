using Hotswap.Core.Controls;

namespace Hotswap.Core.Planning;

/// <summary>What the planner did with one manual request: acted on it, or why not.</summary>
/// <param name="Application">The application it was about.</param>
/// <param name="Request">The request.</param>
/// <param name="Applied">Acted on; false when it could not apply (the message says why).</param>
/// <param name="Message">For a person, e.g. "aborted at step 3/10; rolling back to revision 2".</param>
public sealed record RequestOutcome(string Application, ControlRequest Request, bool Applied, string Message)
{
    /// <summary>"abort", "retry", "promote" or "promote --full".</summary>
    public string Verb => Request switch
    {
        ControlRequest.Abort => "abort",
        ControlRequest.Retry => "retry",
        ControlRequest.Promote { Full: true } => "promote --full",
        _ => "promote",
    };
}
