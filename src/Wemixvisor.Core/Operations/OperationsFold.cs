using System.Globalization;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Core.Upgrades;
using static Wemixvisor.Core.Operations.OperationsFact;
using static Wemixvisor.Core.Supervision.SupervisorPhase;

namespace Wemixvisor.Core.Operations;

/// <summary>
/// Turns each transition into the next <see cref="OperationsView"/> and the <see cref="OperationsFact"/>s an operator is
/// told about. Pure: everything comes from the transition (its time, event, states and commands).
/// </summary>
public static class OperationsFold
{
    public static (OperationsView View, IReadOnlyList<OperationsFact> Facts) Next(OperationsView view, Transition transition)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(transition);
        if (transition.Decision.Ignored)
        {
            return (view, []);
        }
        var at = transition.At;
        var from = transition.From;
        var to = transition.To;
        var facts = new List<OperationsFact>();

        var node = NodeOf(to.Phase);
        if (node is { Pid: { } pid } && NodeOf(from.Phase)?.Pid != pid)
        {
            facts.Add(new NodeUp(at, pid));
        }
        if (transition.Event is SupervisorEvent.SignalReceived && from.Phase is not Stopping { ShutdownRequested: true }
            && to.Phase is Stopping { ShutdownRequested: true } or Exited or Upgrading { StopRequested: true } or RollingBack { StopRequested: true })
        {
            facts.Add(new StopRequested(at));
        }

        var detected = view.Detected;
        if (UpgradeOf(to.Phase) is { } upgrade && upgrade.Name.ToString() != detected && to.Phase is Preparing or Blocked)
        {
            detected = upgrade.Name.ToString();
            facts.Add(new UpgradeDetected(at, upgrade, to.Applied, to.Chain.Head?.Height));
        }
        var upgradeSince = view.UpgradeSince;
        if (from.Phase is Preparing p && to.Phase is Stopping { Upgrade: not null } or Upgrading)
        {
            upgradeSince = at;
            facts.Add(new UpgradeStarted(at, p.Upgrade, to.Applied, to.Chain.Head?.Height));
        }
        if (transition.Event is SupervisorEvent.Switched switched)
        {
            facts.Add(new UpgradeApplied(at, switched.Upgrade, from.Applied, to.Chain.Head?.Height, at - upgradeSince));
            upgradeSince = null;
        }
        if (transition.Event is SupervisorEvent.SwitchedBack && from.Phase is RollingBack back)
        {
            facts.Add(new UpgradeRolledBack(at, back.Rollback.Probation.Upgrade, to.Applied, to.Chain.Head?.Height, back.Rollback.Reason));
        }
        var failed = transition.Decision.Commands.OfType<SupervisorCommand.RecordResult>().FirstOrDefault(r => r.Status == ScheduleStatus.Failed);
        if (failed is not null)
        {
            facts.Add(new UpgradeFailed(at, failed.Upgrade, to.Applied, to.Chain.Head?.Height, failed.Reason ?? "failed"));
        }

        var exit = transition.Decision.Commands.OfType<SupervisorCommand.Exit>().FirstOrDefault();
        if (exit is { Code: not ExitCodes.Success })
        {
            facts.Add(ExitFact(at, from, to, exit, failedAlready: failed is not null));
        }

        var activity = ActivityOf(to);
        var activitySince = view.ActivitySince;
        if (activity != view.Activity)
        {
            if (view.Activity is { } finished)
            {
                facts.Add(new ActivityTimed(at, finished, at - view.ActivitySince));
            }
            activitySince = at;
        }

        var backupBytes = transition.Event is SupervisorEvent.JobFinished { Job: UpgradeJob.Backup, Outcome: JobOutcome.Succeeded { Bytes: { } bytes } }
            ? bytes
            : view.BackupBytes;
        var healthy = node?.Pid is not null && to.Phase is Running or Preparing or Blocked;
        var status = StatusOf(to, node);
        var next = view with
        {
            Phase = to.Phase.GetType().Name,
            Status = status,
            NodePid = node?.Pid,
            NodeSince = node?.Since,
            Healthy = healthy,
            NotReady = !healthy ? status
                : to.Probation is { } probation ? $"upgrade {probation.Upgrade.Name} has not shown yet that it works" : null,
            Current = to.Applied,
            Pending = UpgradeOf(to.Phase) ?? to.NextScheduled,
            ChainHead = to.Chain.Head?.Height,
            Counters = RunCounters.Next(view.Counters, transition),
            UpgradesFailed = view.UpgradesFailed + facts.Count(f => f is UpgradeFailed),
            UpgradesRolledBack = view.UpgradesRolledBack + facts.Count(f => f is UpgradeRolledBack),
            BackupBytes = backupBytes,
            ExitCode = exit?.Code ?? view.ExitCode,
            Activity = activity,
            ActivitySince = activitySince,
            UpgradeSince = upgradeSince,
            Detected = detected,
        };
        return (next, facts);
    }

    private static OperationsFact ExitFact(DateTimeOffset at, SupervisorState from, SupervisorState to, SupervisorCommand.Exit exit, bool failedAlready)
    {
        if (exit.Code == ExitCodes.UpgradeFailed && !failedAlready && UpgradeOf(from.Phase) is { } upgrade)
        {
            return new UpgradeFailed(at, upgrade, to.Applied, to.Chain.Head?.Height, exit.Reason);
        }
        // A failed run that ends wemixvisor after earlier failures in a row is the restart limit being reached;
        // with restarts on failure off the count never grows.
        if (from.Phase is CheckingAfterExit && from.Failures > 0)
        {
            return new CrashLoopGaveUp(at, to.Applied, exit.Code, from.Failures, exit.Reason);
        }
        return new AbnormalExit(at, to.Applied, exit.Code, exit.Reason);
    }

    private static NodeRun? NodeOf(SupervisorPhase phase) => phase switch
    {
        Running r => r.Node,
        Preparing p => p.Node,
        Blocked b => b.Node,
        Stopping s => s.Node,
        _ => null,
    };

    private static UpgradeInfo? UpgradeOf(SupervisorPhase phase) => phase switch
    {
        Preparing p => p.Upgrade,
        Blocked b => b.Upgrade,
        Stopping { Upgrade: { } upgrade } => upgrade,
        Upgrading u => u.Upgrade,
        Restoring r => r.Upgrade,
        RollingBack r => r.Rollback.Probation.Upgrade,
        _ => null,
    };

    private static UpgradeActivity? ActivityOf(SupervisorState state) => state.Phase switch
    {
        Stopping { Upgrade: not null, ShutdownRequested: false } => UpgradeActivity.Stop,
        Upgrading u => u.Stage switch
        {
            UpgradeStage.RestartDelay => UpgradeActivity.Stop,
            UpgradeStage.Backup => UpgradeActivity.Backup,
            UpgradeStage.Switching => UpgradeActivity.Switch,
            UpgradeStage.PruningBeforeExit => null,
            _ => UpgradeActivity.Hooks,
        },
        Running { Node.Pid: null } when state.Probation is not null => UpgradeActivity.Start,
        _ => null,
    };

    private static string StatusOf(SupervisorState state, NodeRun? node)
    {
        var pid = node?.Pid is { } nodePid ? $" (pid {nodePid.ToString(CultureInfo.InvariantCulture)})" : "";
        return state.Phase switch
        {
            Booting => "starting",
            Running { Node.Pid: null } => $"starting {state.Applied}",
            Running when state.Probation is { } probation => $"running {state.Applied}{pid}, waiting for it to show it works",
            Running => $"running {state.Applied}{pid}",
            CheckingAfterExit c => $"the node exited ({c.Exit})",
            BackingOff b => $"the node exited ({b.LastExit}); restarting it after a pause",
            Preparing p => $"upgrade {p.Upgrade.Name} detected, checking it; {NodeText(p.Node, pid)}",
            Blocked b => $"upgrade {b.Upgrade.Name} blocked: {b.Problem}; {NodeText(b.Node, pid)}",
            Stopping { Upgrade: { } upgrade } => $"upgrading to {upgrade.Name}: stopping the node{pid}",
            Stopping { Rollback: { } rollback } => $"rolling back {rollback.Probation.Upgrade.Name}: stopping the node{pid}",
            Stopping => $"stopping the node{pid}",
            Upgrading u => $"upgrading to {u.Upgrade.Name}: {StageText(u.Stage)}",
            Restoring r => $"upgrade {r.Upgrade.Name} failed, restoring the data",
            RollingBack r => $"rolling back {r.Rollback.Probation.Upgrade.Name} to {r.Rollback.Probation.Previous}",
            Exited x => $"exiting with code {x.Code.ToString(CultureInfo.InvariantCulture)}",
            _ => state.Phase.GetType().Name,
        };
    }

    private static string NodeText(NodeRun? node, string pid) => node is null ? "the node is stopped" : $"the node runs{pid}";

    private static string StageText(UpgradeStage stage) => stage switch
    {
        UpgradeStage.RestartDelay => "restart delay",
        UpgradeStage.Backup => "backup",
        UpgradeStage.CustomPreUpgrade => "custom pre-upgrade",
        UpgradeStage.UpgradePreUpgrade => "pre-upgrade script",
        UpgradeStage.BinaryPreUpgrade => "binary pre-upgrade",
        UpgradeStage.PreUpgradeRetryWait => "waiting to retry pre-upgrade",
        UpgradeStage.Switching => "switching",
        _ => "finishing",
    };
}
