using Wemixvisor.Core.Ports;
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
}
