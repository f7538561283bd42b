using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Core.Operations;

/// <summary>What an operator is told about (alerts, systemd, metrics), derived from the supervisor's transitions.</summary>
public abstract record OperationsFact(DateTimeOffset At)
{
    /// <summary>The node's process started (its pid is known).</summary>
    public sealed record NodeUp(DateTimeOffset At, int Pid) : OperationsFact(At);

    /// <summary>A stop of wemixvisor was requested (a signal): it stops the node and exits.</summary>
    public sealed record StopRequested(DateTimeOffset At) : OperationsFact(At);

    public sealed record UpgradeDetected(DateTimeOffset At, UpgradeInfo Upgrade, AppliedUpgrade Current, long? Head) : OperationsFact(At);

    public sealed record UpgradeStarted(DateTimeOffset At, UpgradeInfo Upgrade, AppliedUpgrade Current, long? Head) : OperationsFact(At);

    public sealed record UpgradeApplied(DateTimeOffset At, UpgradeInfo Upgrade, AppliedUpgrade Previous, long? Head, TimeSpan? Took) : OperationsFact(At);

    public sealed record UpgradeFailed(DateTimeOffset At, UpgradeInfo Upgrade, AppliedUpgrade Current, long? Head, string Reason) : OperationsFact(At);

    public sealed record UpgradeRolledBack(DateTimeOffset At, UpgradeInfo Upgrade, AppliedUpgrade To, long? Head, string Reason) : OperationsFact(At);

    /// <summary>The node kept failing and wemixvisor gave up restarting it (<c>DAEMON_MAX_RESTARTS</c>).</summary>
    public sealed record CrashLoopGaveUp(DateTimeOffset At, AppliedUpgrade Current, int Code, int Restarts, string Reason) : OperationsFact(At);

    /// <summary>wemixvisor ends with a non-zero code for another reason than a failed upgrade or a crash loop.</summary>
    public sealed record AbnormalExit(DateTimeOffset At, AppliedUpgrade Current, int Code, string Reason) : OperationsFact(At);

    /// <summary>A part of an upgrade finished after <paramref name="Took"/>.</summary>
    public sealed record ActivityTimed(DateTimeOffset At, UpgradeActivity Activity, TimeSpan Took) : OperationsFact(At);
}
