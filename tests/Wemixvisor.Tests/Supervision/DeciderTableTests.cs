using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Core.Upgrades;
using static Wemixvisor.Core.Supervision.SupervisorEvent;
using static Wemixvisor.Core.Supervision.SupervisorPhase;

namespace Wemixvisor.Tests.Supervision;

/// <summary>The rules of <see cref="Decider"/>, one row per (phase, event) pair that matters, ignored ones included.</summary>
public sealed class DeciderTableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly UpgradeInfo V2 = new(UpgradeName.Parse("v2"), 10, null, "");
    private static readonly UpgradeInfo V3 = new(UpgradeName.Parse("v3"), 20, null, "");
    private static readonly NodeRun Node = new(42, T0);
    private static readonly TimerId Timer = new(1);
    private static readonly Decider Decider = new(new SupervisorPolicy());

    public static TheoryData<string, SupervisorPhase, SupervisorEvent, string, string> Rows => new()
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
        { "invalid trigger ignored", new Running(Node), new UpgradeInfoObserved(new TriggerFile.Invalid("bad")), "Running", "ignored" },
        { "stale timer ignored", new Running(Node), new TimerElapsed(Timer), "Running", "ignored" },
        { "after exit: pending upgrade wins", new CheckingAfterExit(NodeExit.Code(1)), Valid(V2), "Preparing", "RunPreflight" },
        { "after exit 0: exit 0", new CheckingAfterExit(NodeExit.Code(0)), new TriggerChecked(TriggerFile.Absent.Instance), "Exited", "Exit" },
        { "after failure: back off", new CheckingAfterExit(NodeExit.Code(1)), new TriggerChecked(TriggerFile.Absent.Instance), "BackingOff", "StartTimer" },
        { "backoff over: launch", new BackingOff(NodeExit.Code(1), Timer), new TimerElapsed(Timer), "Running", "StartNode" },
        { "backoff: stale timer", new BackingOff(NodeExit.Code(1), Timer), new TimerElapsed(new TimerId(9)), "BackingOff", "ignored" },
        { "backoff: stop exits", new BackingOff(NodeExit.Code(1), Timer), new SignalReceived(NodeSignal.Terminate), "Exited", "Exit" },
        { "backoff: pending upgrade", new BackingOff(NodeExit.Code(1), Timer), Observed(V2), "Preparing", "RunPreflight" },
        { "preflight ok with node: stop it", new Preparing(V2, Node, null), new PreflightPassed(V2), "Stopping", "SignalNode StartTimer" },
        { "preflight ok without node: steps", new Preparing(V2, null, null), new PreflightPassed(V2), "Upgrading", "RunStep" },
        { "preflight of an older plan ignored", new Preparing(V3, Node, null), new PreflightPassed(V2), "Preparing", "ignored" },
        { "preflight failed: report and recheck", new Preparing(V2, Node, null), new PreflightFailed(V2, "missing"), "Blocked", "ReportBlocked StartTimer" },
        { "same problem again: no second report", new Preparing(V2, Node, "missing"), new PreflightFailed(V2, "missing"), "Blocked", "StartTimer" },
        { "blocked: recheck", new Blocked(V2, Node, "missing", Timer), new TimerElapsed(Timer), "Preparing", "RunPreflight" },
        { "blocked: node halts, keep waiting", new Blocked(V2, Node, "missing", Timer), new NodeExited(42, NodeExit.Code(1), T0), "Blocked", "" },
        { "blocked with node: stop forwards", new Blocked(V2, Node, "missing", Timer), new SignalReceived(NodeSignal.Terminate), "Stopping", "SignalNode StartTimer" },
        { "blocked without node: stop exits", new Blocked(V2, null, "missing", Timer), new SignalReceived(NodeSignal.Terminate), "Exited", "Exit" },
        { "blocked: a newer plan replaces it", new Blocked(V2, Node, "missing", Timer), Observed(V3), "Preparing", "RunPreflight" },
        { "stopping for upgrade: node gone, steps", new Stopping(V2, Node, Escalation.Graceful, Timer, false), new NodeExited(42, NodeExit.Code(0), T0), "Upgrading", "RunStep" },
        { "stopping for shutdown: exit with node code", new Stopping(null, Node, Escalation.Graceful, Timer, true), new NodeExited(42, NodeExit.Code(0), T0), "Exited", "Exit" },
        { "grace over: QUIT", new Stopping(null, Node, Escalation.Graceful, Timer, true), new TimerElapsed(Timer), "Stopping", "SignalNode StartTimer" },
        { "quit grace over: KILL", new Stopping(null, Node, Escalation.Quit, Timer, true), new TimerElapsed(Timer), "Stopping", "SignalNode" },
        { "stop during upgrade stop: forward, then exit", new Stopping(V2, Node, Escalation.Graceful, Timer, false), new SignalReceived(NodeSignal.Interrupt), "Stopping", "SignalNode" },
        { "upgrading ignores the watcher", new Upgrading(V2, UpgradeStage.Backup, 0, null, false, false), Observed(V3), "Upgrading", "ignored" },
        { "backup done: custom hook", new Upgrading(V2, UpgradeStage.Backup, 0, null, false, false), new StepFinished(UpgradeStep.Backup, new StepOutcome.Succeeded("")), "Upgrading", "RunStep" },
        { "last hook done: switch", new Upgrading(V2, UpgradeStage.BinaryPreUpgrade, 0, null, true, false), new StepFinished(UpgradeStep.BinaryPreUpgrade, new StepOutcome.Skipped("")), "Upgrading", "SwitchTo" },
        { "hook failed after backup: restore", new Upgrading(V2, UpgradeStage.CustomPreUpgrade, 0, null, true, false), new StepFinished(UpgradeStep.CustomPreUpgrade, new StepOutcome.Failed("x")), "Restoring", "RestoreBackup" },
        { "switched: start the new binary", new Upgrading(V2, UpgradeStage.Switching, 0, null, true, false), new Switched(V2), "Running", "StartNode CheckTrigger PruneBackups" },
        { "switch failed: exit 3", new Upgrading(V2, UpgradeStage.Switching, 0, null, true, false), new SwitchFailed(V2, "x"), "Exited", "Exit" },
        { "stop during a step: at the next safe point", new Upgrading(V2, UpgradeStage.Backup, 0, null, false, false), new SignalReceived(NodeSignal.Terminate), "Upgrading", "" },
        { "restored: exit 3", new Restoring(V2, "x"), new RestoreFinished(new StepOutcome.Succeeded("")), "Exited", "Exit" },
        { "exited absorbs everything", new Exited(0), new SignalReceived(NodeSignal.Terminate), "Exited", "ignored" },
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
    public void Decide_IsPure_SameInputSameOutput()
    {
        var state = new SupervisorState(new Running(Node), AppliedUpgrade.Genesis, 3, 7);
        var e = new SignalReceived(NodeSignal.Terminate);

        Assert.Equal(Decider.Decide(state, e).State, Decider.Decide(state, e).State);
        Assert.Equal(state, new SupervisorState(new Running(Node), AppliedUpgrade.Genesis, 3, 7));
    }

    private static TriggerChecked Valid(UpgradeInfo upgrade) => new(new TriggerFile.Valid(upgrade));

    private static UpgradeInfoObserved Observed(UpgradeInfo upgrade) => new(new TriggerFile.Valid(upgrade));
}
