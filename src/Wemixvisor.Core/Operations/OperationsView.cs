using Wemixvisor.Core.Supervision;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Core.Operations;

/// <summary>
/// The supervisor as an operator sees it, after each transition: what runs, what is pending, the counters, and one
/// line saying what is happening. Immutable: the loop publishes a new one and readers (the metrics and health
/// endpoints) take whichever is the latest.
/// </summary>
public sealed record OperationsView
{
    public static readonly OperationsView Initial = new();

    /// <summary>The phase's name (<c>Running</c>, <c>Upgrading</c>…).</summary>
    public string Phase { get; init; } = nameof(SupervisorPhase.Booting);

    /// <summary>What is happening, in a few words: <c>running v2 (pid 123)</c>, <c>upgrading to v3: backup</c>.</summary>
    public string Status { get; init; } = "starting";

    /// <summary>The node's process, while one runs (a node being stopped included).</summary>
    public int? NodePid { get; init; }

    public DateTimeOffset? NodeSince { get; init; }

    /// <summary>True while the node runs and is not being stopped: what <c>/healthz</c> answers 200 for.</summary>
    public bool Healthy { get; init; }

    /// <summary>Null when the node is healthy and no new binary is on probation; otherwise why it is not ready.</summary>
    public string? NotReady { get; init; } = "starting";

    public AppliedUpgrade Current { get; init; } = AppliedUpgrade.Genesis;

    /// <summary>The upgrade being prepared or applied, or else the next one scheduled; null when none is.</summary>
    public UpgradeInfo? Pending { get; init; }

    public long? ChainHead { get; init; }

    public RunCounters Counters { get; init; } = RunCounters.Zero;

    public int UpgradesFailed { get; init; }

    public int UpgradesRolledBack { get; init; }

    /// <summary>The size of the last data backup taken, in bytes.</summary>
    public long? BackupBytes { get; init; }

    /// <summary>The exit code once wemixvisor decided to exit.</summary>
    public int? ExitCode { get; init; }

    // What the fold carries between transitions.
    internal UpgradeActivity? Activity { get; init; }
    internal DateTimeOffset ActivitySince { get; init; }
    internal DateTimeOffset? UpgradeSince { get; init; }
    internal string? Detected { get; init; }
}
