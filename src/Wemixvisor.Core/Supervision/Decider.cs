using Wemixvisor.Core.Chain;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Upgrades;
using static Wemixvisor.Core.Supervision.SupervisorCommand;
using static Wemixvisor.Core.Supervision.SupervisorEvent;
using static Wemixvisor.Core.Supervision.SupervisorPhase;

namespace Wemixvisor.Core.Supervision;

/// <summary>
/// The supervisor's rules: given the state and one event, the next state and the commands to run.
/// Pure: no clock, no I/O, no logging. Times arrive inside events.
/// </summary>
public sealed partial class Decider(SupervisorPolicy policy)
{
    public Decision Decide(SupervisorState state, SupervisorEvent e) => (state.Phase, e) switch
    {
        (Exited, _) => Decision.Ignore(state, "wemixvisor is exiting"),
        (_, SignalReceived { Signal: NodeSignal.Hangup }) =>
            Decision.Ignore(state, "SIGHUP is never forwarded: geth-style nodes exit on it without flushing their database"),
        (_, TriggerStillIncomplete) => Decision.Ignore(state, "the trigger file is still incomplete"),
        (_, TriggerObserved { File: not TriggerFile.Valid }) => Decision.Ignore(state, "the trigger file is not a valid upgrade plan"),
        (_, ScheduleObserved { File: not ScheduleFile.Valid }) => Decision.Ignore(state, "the schedule file is not valid; the last valid schedule stays in force"),
        (_, ScheduleObserved { File: ScheduleFile.Valid v }) => OnScheduleChanged(state, v.Schedule),
        (_, ChainHeadUnavailable u) => Then(state with { Chain = state.Chain with { Unavailable = u.Reason } }, state.Phase),
        (_, ChainHeadRead r) => OnChainNews(state with { Chain = state.Chain.WithHead(r.Height, r.At) }),
        (_, ValidatorSlotRead s) => OnSlotRead(state with { Chain = state.Chain with { Slot = new ChainSlot(s.Upgrade, s.Slot) } }, s),

        (Booting, _) => OnBooting(state, e),
        (Running p, _) => OnRunning(state, p, e),
        (CheckingAfterExit p, _) => OnCheckingAfterExit(state, p, e),
        (BackingOff p, _) => OnBackingOff(state, p, e),
        (Preparing p, _) => OnPreparing(state, p, e),
        (Blocked p, _) => OnBlocked(state, p, e),
        (Stopping p, _) => OnStopping(state, p, e),
        (Upgrading p, _) => OnUpgrading(state, p, e),
        (Restoring p, _) => OnRestoring(state, p, e),
        (RollingBack p, _) => OnRollingBack(state, p, e),
        _ => Decision.Ignore(state, "no rule for this event in this phase"),
    };

    private Decision OnBooting(SupervisorState state, SupervisorEvent e) => e switch
    {
        Started when state.Probation is { } resumed => Then(state, state.Phase, new CheckTrigger(),
            new StartTimer(resumed.Deadline, policy.Chain.ReadyTimeout, $"upgrade {resumed.Upgrade.Name} to show it is ready (its probation resumed)")),
        Started => Then(state, state.Phase, new CheckTrigger()),
        TriggerChecked { File: TriggerFile.Valid v } when state.IsPending(v.Upgrade) =>
            Prepare(state, v.Upgrade, node: null),
        TriggerChecked => Launch(state),
        SignalReceived => Exit(state, ExitCodes.Success, "stop requested before the node was started"),
        _ => Decision.Ignore(state, "waiting for the start-up look at the trigger"),
    };

    private Decision OnRunning(SupervisorState state, Running p, SupervisorEvent e) => e switch
    {
        NodeStarted s => Then(state, new Running(new NodeRun(s.Pid, s.At))),
        TimerElapsed t when state.Probation is { } probation && t.Timer == probation.Deadline => ProbationOver(state, p, probation),
        NodeExited x when p.Node.Owns(x.Pid) => AfterExit(state, p.Node, x.Exit, x.At),
        NodeStartFailed f => AfterExit(state, p.Node, NodeExit.Code(ExitCodes.NodeCannotExecute), f.At),
        TriggerObserved { File: TriggerFile.Valid v } => ConsiderUpgrade(state, v.Upgrade, p.Node),
        TriggerChecked { File: TriggerFile.Valid v } => ConsiderUpgrade(state, v.Upgrade, p.Node),
        SignalReceived s => StopForShutdown(state, p.Node, s.Signal),
        _ => Decision.Ignore(state, "the node is running"),
    };

    private Decision OnCheckingAfterExit(SupervisorState state, CheckingAfterExit p, SupervisorEvent e) => e switch
    {
        TriggerChecked { File: TriggerFile.Valid v } when state.IsPending(v.Upgrade) =>
            Prepare(state, v.Upgrade, node: null),
        TriggerChecked when state.Probation is { } probation && !p.Exit.Succeeded => AfterProbationExit(state, probation, p.Exit),
        TriggerChecked => RestartOrExit(state, p.Exit),
        SignalReceived => Exit(state, ExitCodes.Success, $"stop requested after the node had exited ({p.Exit})"),
        _ => Decision.Ignore(state, "looking at the trigger after the node exited"),
    };

    private Decision OnBackingOff(SupervisorState state, BackingOff p, SupervisorEvent e) => e switch
    {
        TimerElapsed t when t.Timer == p.Timer => Launch(state),
        TriggerObserved { File: TriggerFile.Valid v } when state.IsPending(v.Upgrade) =>
            Prepare(state, v.Upgrade, node: null),
        SignalReceived => Exit(state, ExitCodes.Success, "stop requested while waiting to restart the node"),
        _ => Decision.Ignore(state, "waiting to restart the node"),
    };

    private Decision OnPreparing(SupervisorState state, Preparing p, SupervisorEvent e) => e switch
    {
        PreflightPassed ok when ok.Upgrade == p.Upgrade => p.Node is { } node
            ? StopForUpgrade(state, p.Upgrade, node)
            : BeginUpgrade(state, p.Upgrade),
        PreflightFailed bad when bad.Upgrade == p.Upgrade => Block(state, p.Upgrade, p.Node, bad.Problem, p.ReportedProblem),
        _ => WhileUpgradeWaits(state, p.Upgrade, p.Node, node => p with { Node = node }, e, $"checking upgrade {p.Upgrade.Name}"),
    };

    private Decision OnBlocked(SupervisorState state, Blocked p, SupervisorEvent e) => e switch
    {
        TimerElapsed t when t.Timer == p.Timer =>
            Then(state, new Preparing(p.Upgrade, p.Node, p.Problem), new RunPreflight(p.Upgrade)),
        _ => WhileUpgradeWaits(state, p.Upgrade, p.Node, node => p with { Node = node }, e, $"upgrade {p.Upgrade.Name} is blocked: {p.Problem}"),
    };

    /// <summary>
    /// What holds while an upgrade is being checked or is blocked: a newer plan replaces it, the old
    /// node may still run (or halt: it is not restarted), and a stop request stops it or exits.
    /// </summary>
    private Decision WhileUpgradeWaits(SupervisorState state, UpgradeInfo upgrade, NodeRun? node, Func<NodeRun?, SupervisorPhase> withNode, SupervisorEvent e, string waiting) => e switch
    {
        TriggerObserved { File: TriggerFile.Valid v } when v.Upgrade != upgrade && state.IsPending(v.Upgrade) =>
            Prepare(state, v.Upgrade, node),
        NodeStarted s when node is not null => Then(state, withNode(new NodeRun(s.Pid, s.At))),
        NodeExited x when node?.Owns(x.Pid) == true => Then(state, withNode(null)),
        NodeStartFailed when node is { Pid: null } => Then(state, withNode(null)),
        SignalReceived s => node is { } running
            ? StopForShutdown(state, running, s.Signal)
            : Exit(state, ExitCodes.Success, $"stop requested while {waiting}"),
        _ => Decision.Ignore(state, waiting),
    };

    private Decision OnStopping(SupervisorState state, Stopping p, SupervisorEvent e) => e switch
    {
        NodeExited x when p.Node.Owns(x.Pid) && p.Rollback is { } rollback => BeginRollback(state, rollback, p.ShutdownRequested),
        NodeStartFailed when p.Rollback is { } failedRollback => BeginRollback(state, failedRollback, p.ShutdownRequested),
        NodeExited x when p.Node.Owns(x.Pid) => p.Upgrade is { } upgrade && !p.ShutdownRequested
            ? BeginUpgrade(state, upgrade)
            : Exit(state, x.Exit.ReportedCode, $"the node stopped ({x.Exit})"),
        NodeStartFailed f => p.Upgrade is { } failedUpgrade && !p.ShutdownRequested
            ? BeginUpgrade(state, failedUpgrade)
            : Exit(state, ExitCodes.Success, $"the node could not be started ({f.Reason}) while stopping"),
        NodeStarted s => Then(state, p with { Node = new NodeRun(s.Pid, s.At) }),
        TimerElapsed t when t.Timer == p.Timer => Escalate(state, p),
        SignalReceived s => Then(state, p with { ShutdownRequested = true }, new SignalNode(s.Signal)),
        _ => Decision.Ignore(state, "stopping the node"),
    };

    private Decision OnUpgrading(SupervisorState state, Upgrading p, SupervisorEvent e) => e switch
    {
        TimerElapsed t when t.Timer == p.Timer && p.Stage == UpgradeStage.RestartDelay => NextStage(state, p),
        TimerElapsed t when t.Timer == p.Timer && p.Stage == UpgradeStage.PreUpgradeRetryWait =>
            Then(state, p with { Stage = UpgradeStage.BinaryPreUpgrade, Timer = null }, new RunJob(UpgradeJob.BinaryPreUpgrade, p.Upgrade)),
        JobFinished f when StageOf(f.Job) == p.Stage => AfterJob(state, p, f.Job, f.Outcome),
        Switched s when p.Stage == UpgradeStage.Switching && s.Upgrade == p.Upgrade => AfterSwitch(state, p),
        SwitchFailed f when p.Stage == UpgradeStage.Switching =>
            Exit(state, ExitCodes.UpgradeFailed, $"switching to upgrade {p.Upgrade.Name} failed: {f.Reason}"),
        BackupsPruned when p.Stage == UpgradeStage.PruningBeforeExit =>
            Exit(state, ExitCodes.Success, $"upgraded to {p.Upgrade.Name}; DAEMON_RESTART_AFTER_UPGRADE=false, so the node is not started"),
        SignalReceived when p.Stage is UpgradeStage.RestartDelay or UpgradeStage.PreUpgradeRetryWait =>
            Exit(state, ExitCodes.Success, $"stop requested during upgrade {p.Upgrade.Name}; it resumes at the next start"),
        SignalReceived => Then(state, p with { StopRequested = true }),
        _ => Decision.Ignore(state, $"upgrading to {p.Upgrade.Name} ({p.Stage})"),
    };

    private static Decision OnRestoring(SupervisorState state, Restoring p, SupervisorEvent e) => e switch
    {
        RestoreFinished { Outcome: JobOutcome.Failed f } =>
            Exit(state, ExitCodes.UpgradeFailed, $"upgrade {p.Upgrade.Name} failed: {p.Failure}; restoring the data from the backup failed too: {f.Reason}"),
        RestoreFinished =>
            Exit(state, ExitCodes.UpgradeFailed, $"upgrade {p.Upgrade.Name} failed: {p.Failure}; the data was restored from the backup"),
        _ => Decision.Ignore(state, "restoring the data from the backup"),
    };

    private static Decision ConsiderUpgrade(SupervisorState state, UpgradeInfo upgrade, NodeRun node) =>
        state.IsPending(upgrade) ? Prepare(state, upgrade, node)
        : state.HasFailed(upgrade) ? Decision.Ignore(state, $"upgrade {upgrade.Name} failed or was rolled back; it is tried again only once it is scheduled again")
        : Decision.Ignore(state, $"upgrade {upgrade.Name} at height {upgrade.Height} is not newer than the applied {state.Applied}");

    // ---- node life ----

    private static Decision Launch(SupervisorState state) =>
        Then(state, new Running(NodeRun.Launched), new StartNode());

    private Decision AfterExit(SupervisorState state, NodeRun node, NodeExit exit, DateTimeOffset at)
    {
        var stayedUp = node.Since is { } since && at - since >= SupervisorPolicy.StableUptime;
        var next = state with { Failures = stayedUp ? 0 : state.Failures };
        return Then(next, new CheckingAfterExit(exit), new CheckTrigger());
    }

    private Decision RestartOrExit(SupervisorState state, NodeExit exit)
    {
        if (exit.Succeeded)
        {
            return Exit(state, ExitCodes.Success, "the node exited with code 0");
        }
        if (!policy.RestartOnFailure)
        {
            return Exit(state, exit.ReportedCode, $"the node failed ({exit}) and DAEMON_RESTART_ON_FAILURE=false");
        }
        var failures = state.Failures + 1;
        if (policy.MaxRestarts > 0 && failures > policy.MaxRestarts)
        {
            return Exit(state, exit.ReportedCode, $"the node failed ({exit}) after {policy.MaxRestarts} restarts in a row; giving up");
        }
        var timer = state.NextTimer;
        return Then(
            state with { Failures = failures, Timers = timer.Sequence },
            new BackingOff(exit, timer),
            new StartTimer(timer, policy.BackoffFor(failures), $"restart {failures} after {exit}"));
    }

    private Decision StopForShutdown(SupervisorState state, NodeRun node, NodeSignal signal) =>
        StopNode(state, upgrade: null, node, signal, shutdownRequested: true);

    private Decision StopForUpgrade(SupervisorState state, UpgradeInfo upgrade, NodeRun node) =>
        StopNode(state, upgrade, node, NodeSignal.Terminate, shutdownRequested: false);

    /// <summary>Sends the first signal and starts the grace period; a grace of zero kills at once.</summary>
    private Decision StopNode(SupervisorState state, UpgradeInfo? upgrade, NodeRun node, NodeSignal signal, bool shutdownRequested, Rollback? rollback = null)
    {
        if (policy.ShutdownGrace <= TimeSpan.Zero)
        {
            return Then(state, new Stopping(upgrade, node, Escalation.Killed, null, shutdownRequested, rollback),
                new SignalNode(signal), new SignalNode(NodeSignal.Kill));
        }
        var timer = state.NextTimer;
        return Then(
            state with { Timers = timer.Sequence },
            new Stopping(upgrade, node, Escalation.Graceful, timer, shutdownRequested, rollback),
            new SignalNode(signal),
            new StartTimer(timer, policy.ShutdownGrace, "shutdown grace"));
    }

    private static Decision Escalate(SupervisorState state, Stopping p)
    {
        if (p.Escalation == Escalation.Graceful)
        {
            var timer = state.NextTimer;
            return Then(
                state with { Timers = timer.Sequence },
                p with { Escalation = Escalation.Quit, Timer = timer },
                new SignalNode(NodeSignal.Quit),
                new StartTimer(timer, SupervisorPolicy.QuitGrace, "grace after SIGQUIT"));
        }
        return Then(state, p with { Escalation = Escalation.Killed, Timer = null }, new SignalNode(NodeSignal.Kill));
    }

    // ---- upgrades ----

    private static Decision Prepare(SupervisorState state, UpgradeInfo upgrade, NodeRun? node) =>
        Then(state, new Preparing(upgrade, node, ReportedProblem: null), new RunPreflight(upgrade));

    private Decision Block(SupervisorState state, UpgradeInfo upgrade, NodeRun? node, string problem, string? reported)
    {
        var timer = state.NextTimer;
        var recheck = new StartTimer(timer, policy.PreflightRecheck, $"recheck upgrade {upgrade.Name}");
        var next = state with { Timers = timer.Sequence };
        var blocked = new Blocked(upgrade, node, problem, timer);
        return problem == reported
            ? Then(next, blocked, recheck)
            : Then(next, blocked, new ReportBlocked(upgrade, problem), recheck);
    }

    private Decision BeginUpgrade(SupervisorState state, UpgradeInfo upgrade)
    {
        var upgrading = new Upgrading(upgrade, UpgradeStage.RestartDelay, Retries: 0, Timer: null, BackupTaken: false, StopRequested: false);
        if (policy.RestartDelay <= TimeSpan.Zero)
        {
            return NextStage(state, upgrading);
        }
        var timer = state.NextTimer;
        return Then(
            state with { Timers = timer.Sequence },
            upgrading with { Timer = timer },
            new StartTimer(timer, policy.RestartDelay, "restart delay"));
    }

    /// <summary>Moves to the stage after <paramref name="p"/>'s: the safe point where a requested stop is honoured.</summary>
    private static Decision NextStage(SupervisorState state, Upgrading p)
    {
        if (p.StopRequested)
        {
            return Exit(state, ExitCodes.Success, $"stop requested during upgrade {p.Upgrade.Name}; it resumes at the next start");
        }
        return p.Stage switch
        {
            UpgradeStage.RestartDelay => RunStage(state, p, UpgradeJob.Backup),
            UpgradeStage.Backup => RunStage(state, p, UpgradeJob.CustomPreUpgrade),
            UpgradeStage.CustomPreUpgrade => RunStage(state, p, UpgradeJob.UpgradePreUpgrade),
            UpgradeStage.UpgradePreUpgrade => RunStage(state, p, UpgradeJob.BinaryPreUpgrade),
            _ => Then(state, p with { Stage = UpgradeStage.Switching, Timer = null }, new SwitchTo(p.Upgrade)),
        };
    }

    private static Decision RunStage(SupervisorState state, Upgrading p, UpgradeJob job) =>
        Then(state, p with { Stage = StageOf(job), Timer = null }, new RunJob(job, p.Upgrade));

    private Decision AfterJob(SupervisorState state, Upgrading p, UpgradeJob job, JobOutcome outcome) => outcome switch
    {
        JobOutcome.Succeeded or JobOutcome.Skipped =>
            NextStage(state, p with { BackupTaken = p.BackupTaken || (job == UpgradeJob.Backup && outcome is JobOutcome.Succeeded) }),
        JobOutcome.Postponed postponed when job == UpgradeJob.Backup => Postpone(state, p, postponed.Reason),
        JobOutcome.Postponed postponed => Fail(state, p, $"{job} could not run: {postponed.Reason}"),
        JobOutcome.RetryRequested when p.Retries < policy.PreUpgradeMaxRetries => RetryLater(state, p),
        JobOutcome.RetryRequested r => Fail(state, p, $"{job} asked for a retry ({r.Reason}) after {p.Retries} retries; DAEMON_PREUPGRADE_MAX_RETRIES={policy.PreUpgradeMaxRetries}"),
        JobOutcome.Failed f => Fail(state, p, $"{job} failed: {f.Reason}"),
        _ => Decision.Ignore(state, "unknown job outcome"),
    };

    /// <summary>
    /// The backup could not be taken and nothing was changed yet: the old version is started again and the upgrade
    /// waits blocked, its preflight repeated every poll, rather than switching without the backup that was asked for.
    /// </summary>
    private Decision Postpone(SupervisorState state, Upgrading p, string problem)
    {
        if (p.StopRequested)
        {
            return Exit(state, ExitCodes.Success, $"stop requested during upgrade {p.Upgrade.Name}; it resumes at the next start");
        }
        var timer = state.NextTimer;
        return Then(
            state with { Timers = timer.Sequence },
            new Blocked(p.Upgrade, NodeRun.Launched, problem, timer),
            new StartNode(),
            new ReportBlocked(p.Upgrade, problem),
            new StartTimer(timer, policy.PreflightRecheck, $"recheck upgrade {p.Upgrade.Name}"));
    }

    private static Decision RetryLater(SupervisorState state, Upgrading p)
    {
        var retry = p.Retries + 1;
        var timer = state.NextTimer;
        return Then(
            state with { Timers = timer.Sequence },
            p with { Stage = UpgradeStage.PreUpgradeRetryWait, Retries = retry, Timer = timer },
            new StartTimer(timer, SupervisorPolicy.PreUpgradeRetryFor(retry), $"pre-upgrade retry {retry}"));
    }

    private static Decision Fail(SupervisorState state, Upgrading p, string failure) => p.BackupTaken
        ? Then(state, new Restoring(p.Upgrade, failure), new RestoreBackup(p.Upgrade))
        : Exit(state, ExitCodes.UpgradeFailed, $"upgrade {p.Upgrade.Name} failed: {failure}");

    private Decision AfterSwitch(SupervisorState state, Upgrading p)
    {
        var upgraded = state with { Applied = AppliedUpgrade.From(p.Upgrade), Failures = 0 };
        if (p.StopRequested || !policy.RestartAfterUpgrade)
        {
            return Then(upgraded, p with { Stage = UpgradeStage.PruningBeforeExit }, new PruneBackups());
        }
        var timer = state.NextTimer;
        var scheduled = state.Schedule.Find(p.Upgrade.Name) is { Status: ScheduleStatus.Pending };
        var probation = new Probation(p.Upgrade, state.Applied, p.BackupTaken, scheduled, scheduled || policy.ReadinessByRpc, state.Chain.Head?.Height, timer);
        return Then(
            upgraded with { Timers = timer.Sequence, Probation = probation },
            new Running(NodeRun.Launched),
            new KeepProbation(probation.ToRecord()),
            new StartNode(),
            new CheckTrigger(),
            new PruneBackups(),
            new StartTimer(timer, policy.Chain.ReadyTimeout, $"upgrade {p.Upgrade.Name} to show it is ready"));
    }

    private static UpgradeStage StageOf(UpgradeJob job) => job switch
    {
        UpgradeJob.Backup => UpgradeStage.Backup,
        UpgradeJob.CustomPreUpgrade => UpgradeStage.CustomPreUpgrade,
        UpgradeJob.UpgradePreUpgrade => UpgradeStage.UpgradePreUpgrade,
        _ => UpgradeStage.BinaryPreUpgrade,
    };

    // ---- helpers ----

    private static Decision Exit(SupervisorState state, int code, string reason) =>
        Then(state, new Exited(code), new SupervisorCommand.Exit(code, reason));

    private static Decision Then(SupervisorState state, SupervisorPhase phase, params SupervisorCommand[] commands) =>
        new(state.With(phase), [.. commands]);
}
