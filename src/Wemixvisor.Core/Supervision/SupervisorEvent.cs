using Wemixvisor.Core.Chain;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Core.Supervision;

/// <summary>Everything that happens to the supervisor, as facts in the past tense.</summary>
public abstract record SupervisorEvent
{
    private SupervisorEvent() { }

    /// <summary>The pipeline began; the first event of every run.</summary>
    public sealed record Started : SupervisorEvent;

    /// <summary>The trigger file, looked at on request (<see cref="SupervisorCommand.CheckTrigger"/>).</summary>
    public sealed record TriggerChecked(TriggerFile File) : SupervisorEvent;

    /// <summary>A new version of the trigger file was seen by the watcher: valid or invalid.</summary>
    public sealed record TriggerObserved(TriggerFile File) : SupervisorEvent;

    /// <summary>The trigger file has stayed truncated for this many looks.</summary>
    public sealed record TriggerStillIncomplete(int Looks, string Reason) : SupervisorEvent;

    public sealed record SignalReceived(NodeSignal Signal) : SupervisorEvent;

    public sealed record NodeStarted(int Pid, DateTimeOffset At) : SupervisorEvent;

    public sealed record NodeStartFailed(string Reason, DateTimeOffset At) : SupervisorEvent;

    public sealed record NodeExited(int Pid, NodeExit Exit, DateTimeOffset At) : SupervisorEvent;

    public sealed record TimerElapsed(TimerId Timer) : SupervisorEvent;

    public sealed record PreflightPassed(UpgradeInfo Upgrade) : SupervisorEvent;

    public sealed record PreflightFailed(UpgradeInfo Upgrade, string Problem) : SupervisorEvent;

    public sealed record JobFinished(UpgradeJob Job, JobOutcome Outcome) : SupervisorEvent;

    public sealed record Switched(UpgradeInfo Upgrade) : SupervisorEvent;

    public sealed record SwitchFailed(UpgradeInfo Upgrade, string Reason) : SupervisorEvent;

    public sealed record RestoreFinished(JobOutcome Outcome) : SupervisorEvent;

    public sealed record BackupsPruned(JobOutcome Outcome) : SupervisorEvent;

    /// <summary>A new version of <c>schedule.json</c> was seen: valid or not.</summary>
    public sealed record ScheduleObserved(ScheduleFile File) : SupervisorEvent;

    /// <summary>The node's RPC answered <c>eth_blockNumber</c>.</summary>
    public sealed record ChainHeadRead(long Height, DateTimeOffset At) : SupervisorEvent;

    /// <summary>The node's RPC did not answer (not configured, unreachable, timed out, or a bad answer).</summary>
    public sealed record ChainHeadUnavailable(string Reason, DateTimeOffset At) : SupervisorEvent;

    /// <summary>The node's validator slot, read while <paramref name="Upgrade"/> waits for its height.</summary>
    public sealed record ValidatorSlotRead(UpgradeName Upgrade, ValidatorSlot Slot) : SupervisorEvent;

    /// <summary><c>current</c> points to the previous version again after a rollback.</summary>
    public sealed record SwitchedBack(AppliedUpgrade To) : SupervisorEvent;

    public sealed record SwitchBackFailed(AppliedUpgrade To, string Reason) : SupervisorEvent;
}
