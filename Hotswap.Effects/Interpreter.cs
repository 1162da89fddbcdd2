using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects;

/// <summary>
/// Executes commands in order against the ports. A failure stops the rest of its own object's
/// commands (its <see cref="CommandScope"/>: one application, one child) and nothing else, so one
/// application's failing ModifyRule never blocks another application's commands or any check. It
/// decides nothing: one switch over the command type, one small idempotent handler per command
/// (AlreadyExists is success, apply is create-or-replace, patches state the desired state), and
/// every failure becomes an <see cref="Outcome"/>.
/// </summary>
public sealed class Interpreter(PortSet ports, PortCalls calls)
{
    /// <summary>
    /// Runs <paramref name="commands"/> for System <paramref name="system"/>, scope by scope in
    /// order of first appearance; <paramref name="world"/> is the observation they were planned
    /// from (for rule ARNs), <paramref name="rules"/> the rules as DescribeRules returned them
    /// (ModifyRule keeps their other actions). Outcomes come in execution order; a scope's failure
    /// is its last. Cancellation stops before the next command, as a killed process would; the
    /// command in flight is not cancelled but finished (a write half-sent is worse than one done),
    /// which is what a replica that loses its lease or receives SIGTERM must do.
    /// </summary>
    public async Task<Seq<Outcome>> ExecuteAsync(
        string system, Seq<Command> commands, World world, DateTimeOffset now,
        ExecutionHooks? hooks = null, CancellationToken cancellation = default,
        HashMap<string, RuleDescription> rules = default)
    {
        hooks ??= ExecutionHooks.None;
        var outcomes = new List<Outcome>();
        foreach (var (_, scoped) in CommandScope.Group(commands))
            foreach (var command in scoped)
            {
                if (cancellation.IsCancellationRequested) return outcomes.ToSeq();
                if (hooks.BeforeCommand is { } before) await before(command);
                var outcome = await ExecuteOneAsync(system, command, world, now, rules);
                outcomes.Add(outcome);
                if (hooks.AfterCommand is { } after) await after(outcome);
                if (!outcome.Succeeded) break;
            }
        return outcomes.ToSeq();
    }

    private async Task<Outcome> ExecuteOneAsync(
        string system, Command command, World world, DateTimeOffset now, HashMap<string, RuleDescription> rules)
    {
        try
        {
            return command switch
            {
                Command.SaveRevision c => await SaveRevision(c),
                Command.ApplyArgoCDCluster c => await Write(c, "k8s.ApplyArgoCDCluster", () => Kube.ArgoCDClusters.ApplyAsync(c.Spec.Name, c.Spec)),
                Command.DeleteArgoCDCluster c => await Delete(c, "k8s.DeleteArgoCDCluster", () => Kube.ArgoCDClusters.DeleteAsync(c.Name)),
                Command.ApplyApplicationDeployment c => await Write(c, "k8s.ApplyApplicationDeployment", () => Kube.ApplicationDeployments.ApplyAsync(c.Spec.Name, c.Spec)),
                Command.ApplyCheck c => await Write(c, "k8s.ApplyCheck", () => Kube.Checks.ApplyAsync(c.Spec.Name, c.Spec)),
                Command.DeleteCheck c => await Delete(c, "k8s.DeleteCheck", () => Kube.Checks.DeleteAsync(c.Name)),
                Command.SetForwardWeights c => await SetForwardWeights(c, world, rules),
                Command.CreateJob c => await CreateJob(system, c),
                Command.DeleteJob c => await Delete(c, "k8s.DeleteJob", () => Kube.DeleteJobAsync(c.Name)),
                Command.WriteClusterSecret c => await WriteClusterSecret(system, c),
                Command.JoinMembership c => await JoinMembership(c),
                Command.LeaveMembership c => await LeaveMembership(c),
                Command.RunAnalysis c => await RunAnalysis(c, world, now),
                Command.AddFinalizer c => await Finalizer(c, c.System, "k8s.AddSystemFinalizer", Kube.AddSystemFinalizerAsync),
                Command.RemoveFinalizer c => await Finalizer(c, c.System, "k8s.RemoveSystemFinalizer", Kube.RemoveSystemFinalizerAsync),
                Command.DeleteClusterSecret c => await Delete(c, "k8s.DeleteSecret", () => Kube.DeleteClusterSecretAsync(c.Name)),
                _ => Outcome.Failed(command, None, $"the interpreter does not know {command.GetType().Name}"),
            };
        }
        catch (PortException e)
        {
            return Outcome.Failed(command, Some(e.Kind), e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Outcome.Failed(command, None, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private IKubernetesObjects Kube => ports.Kubernetes;

    private async Task<Outcome> Write(Command command, string operation, Func<Task> write)
    {
        calls.Write(operation);
        await write();
        return Outcome.Done(command);
    }

    private async Task<Outcome> Delete(Command command, string operation, Func<Task> delete)
    {
        calls.Write(operation);
        try
        {
            await delete();
            return Outcome.Done(command);
        }
        catch (PortException e) when (e.Kind == PortErrorKind.NotFound)
        {
            return Outcome.Done(command, "already gone");
        }
    }

    /// <summary>Finalizers are a list the whole of which is written, so against the System's current resourceVersion.</summary>
    private async Task<Outcome> Finalizer(Command command, string system, string operation, Func<string, string, string, Task> change)
    {
        calls.Read("k8s.GetSystem");
        var current = await Kube.GetSystemAsync(system);
        calls.Write(operation);
        await change(system, SystemFinalizer.Name, current.ResourceVersion);
        return Outcome.Done(command);
    }

    private async Task<Outcome> SaveRevision(Command.SaveRevision c)
    {
        calls.Write("k8s.CreateControllerRevision");
        try
        {
            await Kube.SaveRevisionAsync(c.System, c.Revision);
            return Outcome.Done(c);
        }
        catch (PortException e) when (e.Kind == PortErrorKind.AlreadyExists)
        {
            return Outcome.Done(c, "already saved");
        }
    }

    /// <summary>ModifyRule with the rule's actions as read, only the forward action's target groups replaced.</summary>
    private async Task<Outcome> SetForwardWeights(
        Command.SetForwardWeights c, World world, HashMap<string, RuleDescription> rules)
    {
        var arn = world.Rules.Find(c.Rule).Map(r => r.RuleArn);
        var raw = arn.Bind(rules.Find);
        if (raw.IsNone)
            return Outcome.Failed(c, Some(PortErrorKind.NotFound),
                $"rule {c.Rule} was not observed with its actions; not written, so that no other action of it is lost");
        var actions = RuleActions.WithForward(
            raw.Map(r => r.Actions).IfNone(Seq<RuleAction>()),
            c.Forward.TargetGroups.Map(t => new TargetGroupTuple(t.Arn, Some(t.Weight))));
        calls.Write("elbv2.ModifyRule");
        await ports.LoadBalancer.ModifyRuleAsync(arn.IfNone(""), actions);
        return Outcome.Done(c);
    }

    private async Task<Outcome> CreateJob(string system, Command.CreateJob c)
    {
        calls.Write("k8s.CreateJob");
        var labels = Map(
            (WellKnown.SystemLabel, system), (WellKnown.ApplicationLabel, c.Application), (WellKnown.CheckLabel, c.Check),
            (WellKnown.JobKindLabel, c.Kind.ToString().ToLowerInvariant()), (WellKnown.ForwardHashLabel, c.ForwardHash));
        try
        {
            await Kube.CreateJobAsync(c.Name, labels, c.TemplateJson);
            return Outcome.Done(c);
        }
        catch (PortException e) when (e.Kind == PortErrorKind.AlreadyExists)
        {
            return Outcome.Done(c, "already created");
        }
    }

    /// <summary>Create the secret; when it exists, patch its data (labels belong to memberships).</summary>
    private async Task<Outcome> WriteClusterSecret(string system, Command.WriteClusterSecret c)
    {
        var data = Map(("name", c.ClusterName), ("server", c.Server), ("config", c.Config));
        var labels = Map(
            (WellKnown.SecretTypeLabel, "cluster"), (WellKnown.ManagedByLabel, WellKnown.ManagedBy), (WellKnown.SystemLabel, system));
        calls.Write("k8s.CreateSecret");
        try
        {
            await Kube.CreateSecretAsync(c.Name, c.Name, data, labels);
        }
        catch (PortException e) when (e.Kind == PortErrorKind.AlreadyExists)
        {
            calls.Write("k8s.PatchSecret");
            await Kube.PatchSecretDataAsync(c.Name, data);
        }
        return Outcome.Done(c);
    }

    private async Task<Outcome> JoinMembership(Command.JoinMembership c)
    {
        calls.Read("k8s.GetSecret");
        var secret = await Kube.GetSecretAsync(c.Secret);
        var sets = WellKnown.ParseMemberships(secret.Annotations).TryAdd(c.Set);
        calls.Write("k8s.PatchSecret");
        await Kube.PatchSecretMetadataAsync(
            c.Secret, c.Labels, Seq<string>(),
            Map((WellKnown.MembershipsAnnotation, WellKnown.FormatMemberships(sets))), secret.ResourceVersion);
        return Outcome.Done(c);
    }

    private async Task<Outcome> LeaveMembership(Command.LeaveMembership c)
    {
        calls.Read("k8s.GetSecret");
        SecretObject secret;
        try
        {
            secret = await Kube.GetSecretAsync(c.Secret);
        }
        catch (PortException e) when (e.Kind == PortErrorKind.NotFound)
        {
            return Outcome.Done(c, "secret already gone");
        }
        var sets = WellKnown.ParseMemberships(secret.Annotations).Remove(c.Set);
        calls.Write("k8s.PatchSecret");
        await Kube.PatchSecretMetadataAsync(
            c.Secret, Map<string, string>(), c.Labels.Keys.ToSeq(),
            Map((WellKnown.MembershipsAnnotation, WellKnown.FormatMemberships(sets))), secret.ResourceVersion);
        return Outcome.Done(c);
    }

    /// <summary>A provider failure is a reading (inconclusive), not a failed command: the Check records it.</summary>
    private async Task<Outcome> RunAnalysis(Command.RunAnalysis c, World world, DateTimeOffset now)
    {
        calls.Read("metrics.Query");
        var window = world.Checks.Find(c.Check).Map(o => o.Spec.Interval).IfNone(Core.Spec.AnalysisSpec.DefaultInterval);
        try
        {
            return Outcome.Measured(c, await ports.Metrics.QueryAsync(c.Provider, c.Query, now, window));
        }
        catch (PortException e)
        {
            return Outcome.Measured(c, new MetricReading.ProviderError($"{e.Kind}: {e.Message}"));
        }
    }
}
