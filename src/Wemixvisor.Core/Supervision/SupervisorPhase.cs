using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Core.Supervision;

/// <summary>Where the supervisor is. Each phase names what it is waiting for.</summary>
public abstract record SupervisorPhase
{
    private SupervisorPhase() { }

    /// <summary>Started; waiting for the first look at the trigger before launching anything.</summary>
    public sealed record Booting : SupervisorPhase;

    /// <summary>The node runs.</summary>
    public sealed record Running(NodeRun Node) : SupervisorPhase;

    /// <summary>The node exited on its own; looking at the trigger once more before deciding.</summary>
    public sealed record CheckingAfterExit(NodeExit Exit) : SupervisorPhase;

    /// <summary>Waiting before restarting a failed node.</summary>
    public sealed record BackingOff(NodeExit LastExit, TimerId Timer) : SupervisorPhase;

    /// <summary>An upgrade is pending; its preflight runs. <paramref name="Node"/> is null when no node runs.</summary>
    public sealed record Preparing(UpgradeInfo Upgrade, NodeRun? Node, string? ReportedProblem) : SupervisorPhase;

    /// <summary>The preflight failed; it is repeated when <paramref name="Timer"/> fires.</summary>
    public sealed record Blocked(UpgradeInfo Upgrade, NodeRun? Node, string Problem, TimerId Timer) : SupervisorPhase;

    /// <summary>
    /// Stopping the node: for an upgrade (<paramref name="Upgrade"/> set) or for a shutdown.
    /// <paramref name="ShutdownRequested"/>: a stop signal arrived, so wemixvisor exits once the node has.
    /// </summary>
    public sealed record Stopping(UpgradeInfo? Upgrade, NodeRun Node, Escalation Escalation, TimerId? Timer, bool ShutdownRequested, Rollback? Rollback = null) : SupervisorPhase;

    /// <summary>The node is stopped; the upgrade stages run one after the other.</summary>
    public sealed record Upgrading(UpgradeInfo Upgrade, UpgradeStage Stage, int Retries, TimerId? Timer, bool BackupTaken, bool StopRequested) : SupervisorPhase;

    /// <summary>A job failed after the backup was taken; the data is being put back before exiting.</summary>
    public sealed record Restoring(UpgradeInfo Upgrade, string Failure) : SupervisorPhase;

    /// <summary>Terminal: the exit command was issued.</summary>
    /// <summary>
    /// The new binary of <see cref="Rollback.Probation"/> did not come up and is stopped: its data backup is put back
    /// (when one was taken), then <c>current</c> is switched back to the previous version, which is started again.
    /// </summary>
    public sealed record RollingBack(Rollback Rollback, RollbackStage Stage, bool StopRequested) : SupervisorPhase;

    public sealed record Exited(int Code) : SupervisorPhase;
}
