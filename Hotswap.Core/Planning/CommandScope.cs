namespace Hotswap.Core.Planning;

/// <summary>
/// Which object's commands a command belongs to. The interpreter stops at the first failure
/// within one scope only, so one application's failing ModifyRule never starves another
/// application's commands or any check. A scope is one application (its child specs, weights and
/// Jobs), one ArgoCDCluster, one membership set (one ArgoCDApplicationDeployment), one Check, or
/// the System's revision.
/// <para>Example: <c>SetForwardWeights("web", …)</c> and <c>ApplyCheck(web's error-rate)</c> are both
/// "application/web"; <c>RunAnalysis("mysystem-web-error-rate")</c> is "check/mysystem-web-error-rate".</para>
/// </summary>
public static class CommandScope
{
    /// <summary>The System's own revision, which belongs to no single application.</summary>
    public const string Revision = "revision";

    private const string ApplicationPrefix = "application/";

    public static string Application(string name) => ApplicationPrefix + name;

    /// <summary>The application a scope is about, if it is one application's.</summary>
    public static Option<string> ApplicationOf(string scope) =>
        scope.StartsWith(ApplicationPrefix, StringComparison.Ordinal) ? Some(scope[ApplicationPrefix.Length..]) : None;

    public static string Of(Command command) => command switch
    {
        Command.SetForwardWeights c => Application(c.Application),
        Command.CreateJob c => Application(c.Application),
        Command.ApplyApplicationDeployment c => Application(c.Spec.Application),
        Command.ApplyCheck c => Application(c.Spec.Application),
        Command.DeleteCheck c => $"check/{c.Name}",
        Command.ApplyArgoCDCluster c => $"argocdcluster/{c.Spec.Name}",
        Command.DeleteArgoCDCluster c => $"argocdcluster/{c.Name}",
        Command.WriteClusterSecret c => $"argocdcluster/{c.Name}",
        Command.JoinMembership c => $"membership/{c.Set}",
        Command.LeaveMembership c => $"membership/{c.Set}",
        Command.RunAnalysis c => $"check/{c.Check}",
        Command.SaveRevision => Revision,
        _ => command.Target,
    };

    /// <summary>Commands grouped by scope, scopes in order of first appearance, each scope's commands in plan order.</summary>
    public static Seq<(string Scope, Seq<Command> Commands)> Group(Seq<Command> commands) =>
        commands.Map(Of).Distinct().ToSeq()
            .Map(scope => (scope, commands.Filter(c => Of(c) == scope).Strict()))
            .Strict();
}
