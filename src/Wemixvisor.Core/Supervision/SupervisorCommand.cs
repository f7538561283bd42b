using Wemixvisor.Core.Chain;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Core.Supervision;

/// <summary>What the supervisor asks the outside world to do; the interpreter runs each through the ports.</summary>
public abstract record SupervisorCommand
{
    private SupervisorCommand() { }

    public sealed record CheckTrigger : SupervisorCommand;

    public sealed record StartNode : SupervisorCommand;

    /// <summary>Sends a signal to the node's process group.</summary>
    public sealed record SignalNode(NodeSignal Signal) : SupervisorCommand;

    public sealed record StartTimer(TimerId Id, TimeSpan Due, string Purpose) : SupervisorCommand;

    public sealed record RunPreflight(UpgradeInfo Upgrade) : SupervisorCommand;

    public sealed record RunJob(UpgradeJob Job, UpgradeInfo Upgrade) : SupervisorCommand;

    public sealed record SwitchTo(UpgradeInfo Upgrade) : SupervisorCommand;

    public sealed record RestoreBackup(UpgradeInfo Upgrade) : SupervisorCommand;

    public sealed record PruneBackups : SupervisorCommand;

    /// <summary>Tells the operator, once, why an upgrade cannot proceed yet.</summary>
    public sealed record ReportBlocked(UpgradeInfo Upgrade, string Problem) : SupervisorCommand;

    /// <summary>Ends the supervisor with this exit code. Only issued when no node runs.</summary>
    public sealed record Exit(int Code, string Reason) : SupervisorCommand;

    /// <summary>Points <c>current</c> back to <paramref name="To"/> (journaled like any switch), away from <paramref name="From"/>.</summary>
    public sealed record SwitchBack(AppliedUpgrade To, UpgradeInfo From) : SupervisorCommand;

    /// <summary>Writes what happened to an upgrade into <c>schedule.json</c>.</summary>
    public sealed record RecordResult(UpgradeInfo Upgrade, ScheduleStatus Status, string? Reason) : SupervisorCommand;

    /// <summary>Tells the operator, once, when this validator will switch to a height-scheduled upgrade.</summary>
    public sealed record ReportSwitchPlan(UpgradeInfo Upgrade, SwitchPlan Plan, long Head) : SupervisorCommand;

    /// <summary>Tells the operator why a height-scheduled upgrade starts now.</summary>
    public sealed record ReportSwitchDue(UpgradeInfo Upgrade, SwitchReason Reason, long Head, long? SwitchPoint, int? Slot) : SupervisorCommand;

    /// <summary>Keeps the probation on disk (written before the new binary starts, and again when its baseline is known).</summary>
    public sealed record KeepProbation(ProbationRecord Probation) : SupervisorCommand;

    /// <summary>Removes the kept probation: the binary proved itself, or was rolled back.</summary>
    public sealed record ClearProbation : SupervisorCommand;

    /// <summary>Tells the operator that a scheduled upgrade waiting for its preflight left the schedule and is given up.</summary>
    public sealed record ReportUnscheduled(UpgradeInfo Upgrade) : SupervisorCommand;

    /// <summary>Tells the operator the new binary of <paramref name="Upgrade"/> proved itself.</summary>
    public sealed record ReportReady(UpgradeInfo Upgrade, string How) : SupervisorCommand;

    /// <summary>Tells the operator, as an error, what went wrong with an applied upgrade's binary.</summary>
    public sealed record ReportUpgradeProblem(UpgradeInfo Upgrade, string Problem) : SupervisorCommand;
}
