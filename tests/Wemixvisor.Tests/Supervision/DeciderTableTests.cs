using Wemixvisor.Core.Chain;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Core.Upgrades;
using static Wemixvisor.Core.Supervision.SupervisorEvent;
using static Wemixvisor.Core.Supervision.SupervisorPhase;

namespace Wemixvisor.Tests.Supervision;

/// <summary>The rules of <see cref="Decider"/>: a row for every (phase, event type) pair, ignored ones included.</summary>
public sealed class DeciderTableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly UpgradeInfo V2 = new(UpgradeName.Parse("v2"), 10, null, "");
    private static readonly UpgradeInfo V3 = new(UpgradeName.Parse("v3"), 20, null, "");
    private static readonly NodeRun Node = new(42, T0);
    private static readonly TimerId Timer = new(1);
    private static readonly Decider Decider = new(new SupervisorPolicy());

    /// <summary>What each phase does with the events that matter to it.</summary>
    private static TheoryData<string, SupervisorPhase, SupervisorEvent, string, string> Rules => new()
    {
        // description, phase, event, expected phase, expected commands (or "ignored")
        { "boot looks at the trigger", new Booting(), new Started(), "Booting", "CheckTrigger" },
        { "boot with nothing pending launches", new Booting(), new TriggerChecked(TriggerFile.Absent.Instance), "Running", "StartNode" },
        { "boot with a pending upgrade prepares it first", new Booting(), Valid(V2), "Preparing", "RunPreflight" },
        { "boot stop request exits", new Booting(), new SignalReceived(NodeSignal.Terminate), "Exited", "Exit" },
        { "boot ignores the watcher", new Booting(), Observed(V2), "Booting", "ignored" },
        { "running learns its pid", new Running(NodeRun.Launched), new NodeStarted(42, T0), "Running", "" },
        { "running node exits: look once more", new Running(Node), new NodeExited(42, NodeExit.Code(1), T0), "CheckingAfterExit", "CheckTrigger" },
        { "running ignores another pid's exit", new Running(Node), new NodeExited(7, NodeExit.Code(1), T0), "Running", "ignored" },
        { "running sees a pending upgrade", new Running(Node), Observed(V2), "Preparing", "RunPreflight" },
        { "running forwards TERM with a grace timer", new Running(Node), new SignalReceived(NodeSignal.Terminate), "Stopping", "SignalNode StartTimer" },
        { "running forwards INT", new Running(Node), new SignalReceived(NodeSignal.Interrupt), "Stopping", "SignalNode StartTimer" },
        { "HUP is never forwarded", new Running(Node), new SignalReceived(NodeSignal.Hangup), "Running", "ignored" },
        { "invalid trigger ignored", new Running(Node), new TriggerObserved(new TriggerFile.Invalid("bad")), "Running", "ignored" },
        { "stale timer ignored", new Running(Node), new TimerElapsed(Timer), "Running", "ignored" },
        { "running: a launch failure counts as an exit", new Running(NodeRun.Launched), new NodeStartFailed("no binary", T0), "CheckingAfterExit", "CheckTrigger" },
        { "running after a switch: a plan pending on the new look", new Running(Node), Valid(V2), "Preparing", "RunPreflight" },
        { "running after a switch: nothing pending on the new look", new Running(Node), new TriggerChecked(TriggerFile.Absent.Instance), "Running", "ignored" },
        { "after exit: pending upgrade wins", new CheckingAfterExit(NodeExit.Code(1)), Valid(V2), "Preparing", "RunPreflight" },
        { "after exit 0: exit 0", new CheckingAfterExit(NodeExit.Code(0)), new TriggerChecked(TriggerFile.Absent.Instance), "Exited", "Exit" },
        { "after failure: back off", new CheckingAfterExit(NodeExit.Code(1)), new TriggerChecked(TriggerFile.Absent.Instance), "BackingOff", "StartTimer" },
        { "after exit: stop exits", new CheckingAfterExit(NodeExit.Code(1)), new SignalReceived(NodeSignal.Terminate), "Exited", "Exit" },
        { "backoff over: launch", new BackingOff(NodeExit.Code(1), Timer), new TimerElapsed(Timer), "Running", "StartNode" },
        { "backoff: stale timer", new BackingOff(NodeExit.Code(1), Timer), new TimerElapsed(new TimerId(9)), "BackingOff", "ignored" },
        { "backoff: stop exits", new BackingOff(NodeExit.Code(1), Timer), new SignalReceived(NodeSignal.Terminate), "Exited", "Exit" },
        { "backoff: pending upgrade", new BackingOff(NodeExit.Code(1), Timer), Observed(V2), "Preparing", "RunPreflight" },
        { "preflight ok with node: stop it", new Preparing(V2, Node, null), new PreflightPassed(V2), "Stopping", "SignalNode StartTimer" },
        { "preflight ok without node: the jobs", new Preparing(V2, null, null), new PreflightPassed(V2), "Upgrading", "RunJob" },
        { "preparing: the launch that was under way failed, no node runs", new Preparing(V2, NodeRun.Launched, null), new NodeStartFailed("no binary", T0), "Preparing", "" },
        { "blocked: the launch that was under way failed, no node runs", new Blocked(V2, NodeRun.Launched, "missing", Timer), new NodeStartFailed("no binary", T0), "Blocked", "" },
        { "preflight of an older plan ignored", new Preparing(V3, Node, null), new PreflightPassed(V2), "Preparing", "ignored" },
        { "preflight failed: report and recheck", new Preparing(V2, Node, null), new PreflightFailed(V2, "missing"), "Blocked", "ReportBlocked StartTimer" },
        { "same problem again: no second report", new Preparing(V2, Node, "missing"), new PreflightFailed(V2, "missing"), "Blocked", "StartTimer" },
        { "preparing: a newer plan replaces it", new Preparing(V2, Node, null), Observed(V3), "Preparing", "RunPreflight" },
        { "preparing: the same plan again", new Preparing(V2, Node, null), Observed(V2), "Preparing", "ignored" },
        { "preparing: the node learns its pid", new Preparing(V2, NodeRun.Launched, null), new NodeStarted(42, T0), "Preparing", "" },
        { "preparing: the node halts, keep checking", new Preparing(V2, Node, null), new NodeExited(42, NodeExit.Code(1), T0), "Preparing", "" },
        { "preparing with node: stop forwards", new Preparing(V2, Node, null), new SignalReceived(NodeSignal.Terminate), "Stopping", "SignalNode StartTimer" },
        { "preparing without node: stop exits", new Preparing(V2, null, null), new SignalReceived(NodeSignal.Terminate), "Exited", "Exit" },
        { "blocked: recheck", new Blocked(V2, Node, "missing", Timer), new TimerElapsed(Timer), "Preparing", "RunPreflight" },
        { "blocked: node halts, keep waiting", new Blocked(V2, Node, "missing", Timer), new NodeExited(42, NodeExit.Code(1), T0), "Blocked", "" },
        { "blocked with node: stop forwards", new Blocked(V2, Node, "missing", Timer), new SignalReceived(NodeSignal.Terminate), "Stopping", "SignalNode StartTimer" },
        { "blocked without node: stop exits", new Blocked(V2, null, "missing", Timer), new SignalReceived(NodeSignal.Terminate), "Exited", "Exit" },
        { "blocked: a newer plan replaces it", new Blocked(V2, Node, "missing", Timer), Observed(V3), "Preparing", "RunPreflight" },
        { "blocked: the node learns its pid", new Blocked(V2, NodeRun.Launched, "missing", Timer), new NodeStarted(42, T0), "Blocked", "" },
        { "blocked: stale timer", new Blocked(V2, Node, "missing", Timer), new TimerElapsed(new TimerId(9)), "Blocked", "ignored" },
        { "stopping for upgrade: node gone, the jobs", new Stopping(V2, Node, Escalation.Graceful, Timer, false), new NodeExited(42, NodeExit.Code(0), T0), "Upgrading", "RunJob" },
        { "stopping for shutdown: exit with node code", new Stopping(null, Node, Escalation.Graceful, Timer, true), new NodeExited(42, NodeExit.Code(0), T0), "Exited", "Exit" },
        { "grace over: QUIT", new Stopping(null, Node, Escalation.Graceful, Timer, true), new TimerElapsed(Timer), "Stopping", "SignalNode StartTimer" },
        { "quit grace over: KILL", new Stopping(null, Node, Escalation.Quit, Timer, true), new TimerElapsed(Timer), "Stopping", "SignalNode" },
        { "stop during upgrade stop: forward, then exit", new Stopping(V2, Node, Escalation.Graceful, Timer, false), new SignalReceived(NodeSignal.Interrupt), "Stopping", "SignalNode" },
        { "stopping for upgrade: launch had failed, the jobs", new Stopping(V2, NodeRun.Launched, Escalation.Graceful, Timer, false), new NodeStartFailed("no binary", T0), "Upgrading", "RunJob" },
        { "stopping for shutdown: launch had failed, exit 0", new Stopping(null, NodeRun.Launched, Escalation.Graceful, Timer, true), new NodeStartFailed("no binary", T0), "Exited", "Exit" },
        { "stopping: the node learns its pid", new Stopping(null, NodeRun.Launched, Escalation.Graceful, Timer, true), new NodeStarted(42, T0), "Stopping", "" },
        { "stopping: another pid's exit", new Stopping(null, Node, Escalation.Graceful, Timer, true), new NodeExited(7, NodeExit.Code(0), T0), "Stopping", "ignored" },
        { "upgrading ignores the watcher", new Upgrading(V2, UpgradeStage.Backup, 0, null, false, false), Observed(V3), "Upgrading", "ignored" },
        { "backup out of space: old node again, upgrade blocked", new Upgrading(V2, UpgradeStage.Backup, 0, null, false, false), new JobFinished(UpgradeJob.Backup, new JobOutcome.Postponed("no space")), "Blocked", "StartNode ReportBlocked StartTimer" },
        { "backup out of space after a stop request: exit", new Upgrading(V2, UpgradeStage.Backup, 0, null, false, true), new JobFinished(UpgradeJob.Backup, new JobOutcome.Postponed("no space")), "Exited", "Exit" },
        { "backup done: custom hook", new Upgrading(V2, UpgradeStage.Backup, 0, null, false, false), new JobFinished(UpgradeJob.Backup, new JobOutcome.Succeeded("")), "Upgrading", "RunJob" },
        { "last hook done: switch", new Upgrading(V2, UpgradeStage.BinaryPreUpgrade, 0, null, true, false), new JobFinished(UpgradeJob.BinaryPreUpgrade, new JobOutcome.Skipped("")), "Upgrading", "SwitchTo" },
        { "hook failed after backup: restore", new Upgrading(V2, UpgradeStage.CustomPreUpgrade, 0, null, true, false), new JobFinished(UpgradeJob.CustomPreUpgrade, new JobOutcome.Failed("x")), "Restoring", "RestoreBackup" },
        { "switched: start the new binary", new Upgrading(V2, UpgradeStage.Switching, 0, null, true, false), new Switched(V2), "Running", "KeepProbation StartNode CheckTrigger PruneBackups StartTimer" },
        { "switch failed: exit 3", new Upgrading(V2, UpgradeStage.Switching, 0, null, true, false), new SwitchFailed(V2, "x"), "Exited", "Exit" },
        { "stop during a job: at the next safe point", new Upgrading(V2, UpgradeStage.Backup, 0, null, false, false), new SignalReceived(NodeSignal.Terminate), "Upgrading", "" },
        { "restart delay over: backup", new Upgrading(V2, UpgradeStage.RestartDelay, 0, Timer, false, false), new TimerElapsed(Timer), "Upgrading", "RunJob" },
        { "retry wait over: pre-upgrade again", new Upgrading(V2, UpgradeStage.PreUpgradeRetryWait, 1, Timer, true, false), new TimerElapsed(Timer), "Upgrading", "RunJob" },
        { "retry asked, none allowed: restore", new Upgrading(V2, UpgradeStage.BinaryPreUpgrade, 0, null, true, false), new JobFinished(UpgradeJob.BinaryPreUpgrade, new JobOutcome.RetryRequested("31")), "Restoring", "RestoreBackup" },
        { "a job of another stage ignored", new Upgrading(V2, UpgradeStage.Backup, 0, null, false, false), new JobFinished(UpgradeJob.CustomPreUpgrade, new JobOutcome.Succeeded("")), "Upgrading", "ignored" },
        { "stop during the restart delay exits", new Upgrading(V2, UpgradeStage.RestartDelay, 0, Timer, false, false), new SignalReceived(NodeSignal.Terminate), "Exited", "Exit" },
        { "pruned without restart: exit 0", new Upgrading(V2, UpgradeStage.PruningBeforeExit, 0, null, true, false), new BackupsPruned(new JobOutcome.Succeeded("")), "Exited", "Exit" },
        { "restored: exit 3", new Restoring(V2, "x"), new RestoreFinished(new JobOutcome.Succeeded("")), "Exited", "Exit" },
        { "restore failed too: exit 3", new Restoring(V2, "x"), new RestoreFinished(new JobOutcome.Failed("disk")), "Exited", "Exit" },
        { "exited absorbs everything", new Exited(0), new SignalReceived(NodeSignal.Terminate), "Exited", "ignored" },
        { "stopping for a rollback: node gone, restore its data", new Stopping(null, Node, Escalation.Graceful, Timer, false, Rolled(backup: true)), new NodeExited(42, NodeExit.Code(0), T0), "RollingBack", "RestoreBackup" },
        { "stopping for a rollback without backup: switch back", new Stopping(null, Node, Escalation.Graceful, Timer, false, Rolled(backup: false)), new NodeExited(42, NodeExit.Code(0), T0), "RollingBack", "SwitchBack" },
        { "rollback: data restored, switch back", new RollingBack(Rolled(backup: true), RollbackStage.RestoringData, false), new RestoreFinished(new JobOutcome.Succeeded("")), "RollingBack", "SwitchBack" },
        { "rollback: restore failed, exit 3", new RollingBack(Rolled(backup: true), RollbackStage.RestoringData, false), new RestoreFinished(new JobOutcome.Failed("disk")), "Exited", "Exit" },
        { "rollback: switched back, record and start the previous binary", new RollingBack(Rolled(backup: true), RollbackStage.SwitchingBack, false), new SwitchedBack(AppliedUpgrade.Genesis), "Running", "ClearProbation RecordResult ReportUpgradeProblem StartNode CheckTrigger" },
        { "rollback: switched back after a stop request, exit 0", new RollingBack(Rolled(backup: true), RollbackStage.SwitchingBack, true), new SwitchedBack(AppliedUpgrade.Genesis), "Exited", "ClearProbation RecordResult ReportUpgradeProblem Exit" },
        { "rollback: switch back failed, exit 3", new RollingBack(Rolled(backup: true), RollbackStage.SwitchingBack, false), new SwitchBackFailed(AppliedUpgrade.Genesis, "rename"), "Exited", "Exit" },
        { "rollback: a stop waits for the end", new RollingBack(Rolled(backup: true), RollbackStage.RestoringData, false), new SignalReceived(NodeSignal.Terminate), "RollingBack", "" },
        { "rollback: restore result in the wrong stage", new RollingBack(Rolled(backup: true), RollbackStage.SwitchingBack, false), new RestoreFinished(new JobOutcome.Succeeded("")), "RollingBack", "ignored" },
    };

    /// <summary>
    /// The events each phase ignores whatever they carry (each checked with its <see cref="Sample"/>).
    /// Together with <see cref="Rules"/> they must name every (phase, event type) pair: a new event type or
    /// phase fails <see cref="Rows_CoverEveryPhaseAndEveryEventType"/> until it is considered everywhere.
    /// </summary>
    private static readonly (SupervisorPhase Phase, Type[] Events)[] Ignores =
    [
        (new Booting(), [typeof(TriggerStillIncomplete), typeof(NodeStarted), typeof(NodeStartFailed), typeof(NodeExited), typeof(TimerElapsed),
            typeof(PreflightPassed), typeof(PreflightFailed), typeof(JobFinished), typeof(Switched), typeof(SwitchFailed), typeof(RestoreFinished), typeof(BackupsPruned)]),
        (new Running(Node), [typeof(Started), typeof(TriggerStillIncomplete),
            typeof(PreflightPassed), typeof(PreflightFailed), typeof(JobFinished), typeof(Switched), typeof(SwitchFailed), typeof(RestoreFinished), typeof(BackupsPruned)]),
        (new CheckingAfterExit(NodeExit.Code(1)), [typeof(Started), typeof(TriggerObserved), typeof(TriggerStillIncomplete), typeof(NodeStarted), typeof(NodeStartFailed), typeof(NodeExited), typeof(TimerElapsed),
            typeof(PreflightPassed), typeof(PreflightFailed), typeof(JobFinished), typeof(Switched), typeof(SwitchFailed), typeof(RestoreFinished), typeof(BackupsPruned)]),
        (new BackingOff(NodeExit.Code(1), Timer), [typeof(Started), typeof(TriggerChecked), typeof(TriggerStillIncomplete), typeof(NodeStarted), typeof(NodeStartFailed), typeof(NodeExited),
            typeof(PreflightPassed), typeof(PreflightFailed), typeof(JobFinished), typeof(Switched), typeof(SwitchFailed), typeof(RestoreFinished), typeof(BackupsPruned)]),
        (new Preparing(V2, Node, null), [typeof(Started), typeof(TriggerChecked), typeof(TriggerStillIncomplete), typeof(NodeStartFailed), typeof(TimerElapsed),
            typeof(JobFinished), typeof(Switched), typeof(SwitchFailed), typeof(RestoreFinished), typeof(BackupsPruned)]),
        (new Blocked(V2, Node, "missing", Timer), [typeof(Started), typeof(TriggerChecked), typeof(TriggerStillIncomplete), typeof(NodeStartFailed),
            typeof(PreflightPassed), typeof(PreflightFailed), typeof(JobFinished), typeof(Switched), typeof(SwitchFailed), typeof(RestoreFinished), typeof(BackupsPruned)]),
        (new Stopping(V2, Node, Escalation.Graceful, Timer, false), [typeof(Started), typeof(TriggerChecked), typeof(TriggerObserved), typeof(TriggerStillIncomplete),
            typeof(PreflightPassed), typeof(PreflightFailed), typeof(JobFinished), typeof(Switched), typeof(SwitchFailed), typeof(RestoreFinished), typeof(BackupsPruned)]),
        (new Upgrading(V2, UpgradeStage.Backup, 0, null, false, false), [typeof(Started), typeof(TriggerChecked), typeof(TriggerStillIncomplete), typeof(NodeStarted), typeof(NodeStartFailed), typeof(NodeExited),
            typeof(PreflightPassed), typeof(PreflightFailed), typeof(RestoreFinished)]),
        (new Restoring(V2, "x"), [typeof(Started), typeof(TriggerChecked), typeof(TriggerObserved), typeof(TriggerStillIncomplete), typeof(SignalReceived), typeof(NodeStarted), typeof(NodeStartFailed), typeof(NodeExited), typeof(TimerElapsed),
            typeof(PreflightPassed), typeof(PreflightFailed), typeof(JobFinished), typeof(Switched), typeof(SwitchFailed), typeof(BackupsPruned)]),
        (new Exited(0), [typeof(Started), typeof(TriggerChecked), typeof(TriggerObserved), typeof(TriggerStillIncomplete), typeof(NodeStarted), typeof(NodeStartFailed), typeof(NodeExited), typeof(TimerElapsed),
            typeof(PreflightPassed), typeof(PreflightFailed), typeof(JobFinished), typeof(Switched), typeof(SwitchFailed), typeof(RestoreFinished), typeof(BackupsPruned)]),
    ];

    /// <summary>News of the chain and the schedule: every phase records it in the state, keeping its phase (with no plan pending, no command).</summary>
    private static readonly Type[] RecordedEverywhere = [typeof(ScheduleObserved), typeof(ChainHeadRead), typeof(ChainHeadUnavailable), typeof(ValidatorSlotRead)];

    /// <summary>The outcomes of a switch back matter only while rolling back.</summary>
    private static readonly Type[] RollbackOutcomes = [typeof(SwitchedBack), typeof(SwitchBackFailed)];

    private static readonly Type[] RollingBackIgnores =
    [
        typeof(Started), typeof(TriggerChecked), typeof(TriggerObserved), typeof(TriggerStillIncomplete), typeof(NodeStarted), typeof(NodeStartFailed), typeof(NodeExited), typeof(TimerElapsed),
        typeof(PreflightPassed), typeof(PreflightFailed), typeof(JobFinished), typeof(Switched), typeof(SwitchFailed), typeof(BackupsPruned),
    ];

    /// <summary>Every rule, then every ignored pair with the sample of its event.</summary>
    public static TheoryData<string, SupervisorPhase, SupervisorEvent, string, string> Rows()
    {
        var rows = Rules;
        foreach (var (phase, _) in Ignores.Where(i => i.Phase is not Exited).Append((new RollingBack(Rolled(backup: true), RollbackStage.RestoringData, false), [])))
        {
            foreach (var type in RecordedEverywhere)
            {
                rows.Add($"{phase.GetType().Name} records {type.Name}", phase, Sample(type), phase.GetType().Name, "");
            }
            foreach (var type in phase is RollingBack ? RollingBackIgnores : RollbackOutcomes)
            {
                rows.Add($"{phase.GetType().Name} ignores {type.Name}", phase, Sample(type), phase.GetType().Name, "ignored");
            }
        }
        foreach (var type in RecordedEverywhere.Concat(RollbackOutcomes))
        {
            rows.Add($"Exited ignores {type.Name}", new Exited(0), Sample(type), "Exited", "ignored");
        }
        foreach (var (phase, events) in Ignores)
        {
            foreach (var type in events)
            {
                rows.Add($"{phase.GetType().Name} ignores {type.Name}", phase, Sample(type), phase.GetType().Name, "ignored");
            }
        }
        return rows;
    }

    /// <summary>One event of each type; a new event type fails here until it has a sample.</summary>
    private static SupervisorEvent Sample(Type type) => type.Name switch
    {
        nameof(Started) => new Started(),
        nameof(TriggerChecked) => Valid(V3),
        nameof(TriggerObserved) => Observed(V3),
        nameof(TriggerStillIncomplete) => new TriggerStillIncomplete(10, "JSON ends early"),
        nameof(SignalReceived) => new SignalReceived(NodeSignal.Terminate),
        nameof(NodeStarted) => new NodeStarted(42, T0),
        nameof(NodeStartFailed) => new NodeStartFailed("no binary", T0),
        nameof(NodeExited) => new NodeExited(42, NodeExit.Code(1), T0),
        nameof(TimerElapsed) => new TimerElapsed(Timer),
        nameof(PreflightPassed) => new PreflightPassed(V2),
        nameof(PreflightFailed) => new PreflightFailed(V2, "missing"),
        nameof(JobFinished) => new JobFinished(UpgradeJob.Backup, new JobOutcome.Succeeded("")),
        nameof(Switched) => new Switched(V2),
        nameof(SwitchFailed) => new SwitchFailed(V2, "x"),
        nameof(RestoreFinished) => new RestoreFinished(new JobOutcome.Succeeded("")),
        nameof(BackupsPruned) => new BackupsPruned(new JobOutcome.Succeeded("")),
        nameof(ScheduleObserved) => new ScheduleObserved(new ScheduleFile.Valid(UpgradeSchedule.Empty)),
        nameof(ChainHeadRead) => new ChainHeadRead(5, T0),
        nameof(ChainHeadUnavailable) => new ChainHeadUnavailable("refused", T0),
        nameof(ValidatorSlotRead) => new ValidatorSlotRead(V2.Name, ValidatorSlot.From(null, null)),
        nameof(SwitchedBack) => new SwitchedBack(AppliedUpgrade.Genesis),
        nameof(SwitchBackFailed) => new SwitchBackFailed(AppliedUpgrade.Genesis, "x"),
        _ => throw new InvalidOperationException($"no sample for the event {type.Name}: add one, then rows for it in every phase"),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Decide_Row(string description, SupervisorPhase phase, SupervisorEvent e, string expectedPhase, string expectedCommands)
    {
        var state = new SupervisorState(phase, AppliedUpgrade.Genesis, 0, Timer.Sequence);

        var decision = Decider.Decide(state, e);

        Assert.True(expectedPhase == decision.State.Phase.GetType().Name, $"{description}: phase {decision.State.Phase.GetType().Name}");
        var commands = decision.Ignored ? "ignored" : string.Join(' ', decision.Commands.Select(c => c.GetType().Name));
        Assert.True(expectedCommands == commands, $"{description}: commands '{commands}'");
    }

    [Fact]
    public void Rows_CoverEveryPhaseAndEveryEventType()
    {
        var covered = Rows().Select(row => (Phase: row[1].GetType(), Event: row[2].GetType())).ToHashSet();

        var missing = (from phase in Cases<SupervisorPhase>()
                       from e in Cases<SupervisorEvent>()
                       where !covered.Contains((phase, e))
                       select $"({phase.Name}, {e.Name})").ToList();

        Assert.True(missing.Count == 0,
            $"no row for {string.Join(", ", missing)}: add a rule for what the phase does with the event, or list the event among those the phase ignores");
    }

    [Fact]
    public void Decide_IsPure_SameInputSameOutput()
    {
        var state = new SupervisorState(new Running(Node), AppliedUpgrade.Genesis, 3, 7);
        var e = new SignalReceived(NodeSignal.Terminate);

        Assert.Equal(Decider.Decide(state, e).State, Decider.Decide(state, e).State);
        Assert.Equal(state, new SupervisorState(new Running(Node), AppliedUpgrade.Genesis, 3, 7));
    }

    /// <summary>The cases of a closed record hierarchy: its nested types that derive from it.</summary>
    private static IEnumerable<Type> Cases<T>() => typeof(T).GetNestedTypes().Where(type => type.IsSubclassOf(typeof(T)));

    private static Rollback Rolled(bool backup) =>
        new(new Probation(V2, AppliedUpgrade.Genesis, backup, Scheduled: true, ByRpc: true, Baseline: 4, new TimerId(1)), "not ready");

    private static TriggerChecked Valid(UpgradeInfo upgrade) => new(new TriggerFile.Valid(upgrade));

    private static TriggerObserved Observed(UpgradeInfo upgrade) => new(new TriggerFile.Valid(upgrade));
}
