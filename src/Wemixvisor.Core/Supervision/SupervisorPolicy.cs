using Wemixvisor.Core.Chain;
using Wemixvisor.Core.Configuration;

namespace Wemixvisor.Core.Supervision;

/// <summary>
/// The settings <see cref="Decider"/> needs, with the fixed parts of the stop and restart protocol. Without an
/// initializer each setting has its catalogue default (<see cref="Settings"/>).
/// </summary>
public sealed record SupervisorPolicy
{
    /// <summary>Time between SIGQUIT (a Go node dumps its goroutines) and SIGKILL.</summary>
    public static readonly TimeSpan QuitGrace = TimeSpan.FromSeconds(5);

    /// <summary>The restart backoff doubles up to this.</summary>
    public static readonly TimeSpan BackoffCap = TimeSpan.FromMinutes(1);

    /// <summary>A node that stayed up this long has its failure count reset.</summary>
    public static readonly TimeSpan StableUptime = TimeSpan.FromMinutes(10);

    /// <summary>First wait before re-running a <c>pre-upgrade</c> that asked for a retry; doubles.</summary>
    public static readonly TimeSpan PreUpgradeRetryDelay = TimeSpan.FromSeconds(1);

    public TimeSpan ShutdownGrace { get; init; } = Settings.ShutdownGrace.Default;
    public TimeSpan RestartDelay { get; init; } = Settings.RestartDelay.Default;
    public bool RestartAfterUpgrade { get; init; } = Settings.RestartAfterUpgrade.Default;
    public bool RestartOnFailure { get; init; } = Settings.RestartOnFailure.Default;
    /// <summary>Failed runs in a row tolerated before giving up; 0 never gives up.</summary>
    public int MaxRestarts { get; init; } = Settings.MaxRestarts.Default;
    public TimeSpan RestartBackoff { get; init; } = Settings.RestartBackoff.Default;
    public int PreUpgradeMaxRetries { get; init; } = Settings.PreUpgradeMaxRetries.Default;
    /// <summary>How often a blocked upgrade's preflight is repeated: the poll interval.</summary>
    public TimeSpan PreflightRecheck { get; init; } = Settings.PollInterval.Default;

    /// <summary>When height-scheduled upgrades switch, and how long a new binary has to show it is ready.</summary>
    public ChainPolicy Chain { get; init; } = new(Settings.SwitchMargin.Default, Settings.StaggerBlocks.Default, Settings.StallTimeout.Default, Settings.ReadyTimeout.Default);

    /// <summary>A node RPC was configured: an upgrade from the trigger is ready once the chain head moves, not merely once it still runs.</summary>
    public bool ReadinessByRpc { get; init; }

    public static SupervisorPolicy From(WemixvisorOptions options) => new()
    {
        ShutdownGrace = options.ShutdownGrace,
        RestartDelay = options.RestartDelay,
        RestartAfterUpgrade = options.RestartAfterUpgrade,
        RestartOnFailure = options.RestartOnFailure,
        MaxRestarts = options.MaxRestarts,
        RestartBackoff = options.RestartBackoff,
        PreUpgradeMaxRetries = options.PreUpgradeMaxRetries,
        PreflightRecheck = options.PollInterval,
        Chain = new(options.SwitchMargin, options.StaggerBlocks, options.StallTimeout, options.ReadyTimeout),
        ReadinessByRpc = options.NodeRpc is not null,
    };

    /// <summary>The wait before restart number <paramref name="failures"/> (1-based): backoff, doubled each time, capped.</summary>
    public TimeSpan BackoffFor(int failures)
    {
        var cap = RestartBackoff > BackoffCap ? RestartBackoff : BackoffCap;
        var doubled = RestartBackoff.Ticks * Math.Pow(2, Math.Max(failures - 1, 0));
        return TimeSpan.FromTicks((long)Math.Min(doubled, cap.Ticks));
    }

    /// <summary>The wait before re-running <c>pre-upgrade</c> for retry number <paramref name="retry"/> (1-based): 1 s, 2 s, 4 s…</summary>
    public static TimeSpan PreUpgradeRetryFor(int retry) =>
        TimeSpan.FromTicks(PreUpgradeRetryDelay.Ticks * (1L << Math.Min(retry - 1, 20)));
}
