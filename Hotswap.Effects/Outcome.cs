using Hotswap.Core.Children;
using Hotswap.Core.Planning;
using Hotswap.Core.Status;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects;

/// <summary>What executing one command came to: done (with the reading, for RunAnalysis) or failed and why.</summary>
public sealed record Outcome(Command Command, bool Succeeded, Option<PortErrorKind> Error, string Reason, Option<MetricReading> Reading)
{
    public static Outcome Done(Command command, string reason = "") => new(command, true, None, reason, None);

    public static Outcome Measured(Command command, MetricReading reading) => new(command, true, None, "", Some(reading));

    public static Outcome Failed(Command command, Option<PortErrorKind> error, string reason) => new(command, false, error, reason, None);

    /// <summary>The failure as the object's status records it; None when it succeeded.</summary>
    public Option<CommandFailure> Failure(DateTimeOffset at) =>
        Succeeded ? None : Some(new CommandFailure(Command.Action, Command.Target, at, Error.Map(e => e.ToString()).IfNone("Error"), Reason));

    public override string ToString() =>
        Succeeded ? $"{Command.Action} {Command.Target}: ok" : $"{Command.Action} {Command.Target}: failed ({Error.Map(e => e.ToString()).IfNone("error")}: {Reason})";
}
