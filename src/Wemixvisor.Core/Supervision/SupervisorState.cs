using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Core.Supervision;

/// <summary>
/// The whole state of the supervisor: where it is (<see cref="Phase"/>) and what it carries across phases.
/// </summary>
/// <param name="Applied">The upgrade the running version was switched to.</param>
/// <param name="Failures">Failed node runs in a row; reset by a run that stayed up long enough and by an upgrade.</param>
/// <param name="Timers">How many timers were started, to give each a new <see cref="TimerId"/>.</param>
public sealed record SupervisorState(SupervisorPhase Phase, AppliedUpgrade Applied, int Failures, long Timers)
{
    public static SupervisorState Initial(AppliedUpgrade applied) => new(new SupervisorPhase.Booting(), applied, 0, 0);

    public TimerId NextTimer => new(Timers + 1);

    public SupervisorState With(SupervisorPhase phase) => this with { Phase = phase };
}

/// <summary>A node process as the supervisor knows it: pid and start time arrive with <see cref="SupervisorEvent.NodeStarted"/>.</summary>
public sealed record NodeRun(int? Pid, DateTimeOffset? Since)
{
    public static readonly NodeRun Launched = new(null, null);

    /// <summary>True when the exit belongs to this run (a run whose pid is not known yet accepts any).</summary>
    public bool Owns(int pid) => Pid is null || Pid == pid;
}

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
    public sealed record Stopping(UpgradeInfo? Upgrade, NodeRun Node, Escalation Escalation, TimerId? Timer, bool ShutdownRequested) : SupervisorPhase;

    /// <summary>The node is stopped; the upgrade steps run one after the other.</summary>
    public sealed record Upgrading(UpgradeInfo Upgrade, UpgradeStage Stage, int Retries, TimerId? Timer, bool BackupTaken, bool StopRequested) : SupervisorPhase;

    /// <summary>A step failed after the backup was taken; the data is being put back before exiting.</summary>
    public sealed record Restoring(UpgradeInfo Upgrade, string Failure) : SupervisorPhase;

    /// <summary>Terminal: the exit command was issued.</summary>
    public sealed record Exited(int Code) : SupervisorPhase;
}

/// <summary>How far the stop has escalated: TERM (or the operator's signal) → grace → QUIT → 5 s → KILL.</summary>
public enum Escalation
{
    Graceful,
    Quit,
    Killed,
}

/// <summary>The stages of an upgrade after the node stopped, in order.</summary>
public enum UpgradeStage
{
    RestartDelay,
    Backup,
    CustomPreUpgrade,
    UpgradePreUpgrade,
    BinaryPreUpgrade,
    PreUpgradeRetryWait,
    Switching,
    PruningBeforeExit,
}
