using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Core.Supervision;

/// <summary>
/// A freshly switched binary that has not shown yet that it works. It is ready once the chain head read
/// over the RPC passes <paramref name="Baseline"/> (<paramref name="ByRpc"/>), or, without an RPC, once it
/// is still running when <paramref name="Deadline"/> fires; otherwise it is rolled back while that is safe.
/// </summary>
/// <param name="Previous">The version to go back to.</param>
/// <param name="Scheduled">The upgrade came from the schedule: at or past its height it is never rolled back.</param>
/// <param name="Baseline">The head before the switch; null until one is known.</param>
public sealed record Probation(UpgradeInfo Upgrade, AppliedUpgrade Previous, bool BackupTaken, bool Scheduled, bool ByRpc, long? Baseline, TimerId Deadline)
{
    /// <summary>What outlives a restart of wemixvisor (the deadline is a timer of this run).</summary>
    public ProbationRecord ToRecord() => new(Upgrade, Previous, BackupTaken, Scheduled, ByRpc, Baseline);

    /// <summary>A probation that a previous wemixvisor began, with a new deadline in this run.</summary>
    public static Probation Resume(ProbationRecord record, TimerId deadline)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Upgrade, record.Previous, record.BackupTaken, record.Scheduled, record.ByRpc, record.Baseline, deadline);
    }
}

/// <summary>A <see cref="Probation"/> as it is kept on disk while it lasts.</summary>
public sealed record ProbationRecord(UpgradeInfo Upgrade, AppliedUpgrade Previous, bool BackupTaken, bool Scheduled, bool ByRpc, long? Baseline);

/// <summary>Why a probation failed, and what to go back to.</summary>
public sealed record Rollback(Probation Probation, string Reason);

/// <summary>The stages of a rollback after the new binary stopped.</summary>
public enum RollbackStage
{
    RestoringData,
    SwitchingBack,
}
