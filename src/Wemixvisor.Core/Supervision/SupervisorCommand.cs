using Wemixvisor.Core.Ports;
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
}
