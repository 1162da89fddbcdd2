namespace Hotswap.Effects.Simulation;

/// <summary>
/// A person's manual control during a simulated migration, as <c>hotswap abort|retry|pause|resume|promote</c>
/// would write it on the System (see <see cref="Core.Controls.ManualControls"/>), once, when its
/// window opens.
/// <para>Example: <c>new ControlAction("web", "abort", new FaultWindow(FromStep: 3))</c> — abort web
/// when it first reaches step 3.</para>
/// </summary>
/// <param name="Application">The application it is about.</param>
/// <param name="Action">abort, retry, pause, resume, promote (this step) or promote-full.</param>
/// <param name="When">When it is done (its <c>for</c> is not used).</param>
public sealed record ControlAction(string Application, string Action, FaultWindow When)
{
    public static readonly string[] Actions = ["abort", "retry", "pause", "resume", "promote", "promote-full"];
}
