using Wemixvisor.Core.Chain;
using Wemixvisor.Core.Downloads;
using Wemixvisor.Core.Schedule;
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
    /// <summary>The last valid schedule, with the results this run recorded.</summary>
    public UpgradeSchedule Schedule { get; init; } = UpgradeSchedule.Empty;

    public ChainView Chain { get; init; } = ChainView.Unknown;

    /// <summary>The switched binary that still has to show it works; null when there is none.</summary>
    public Probation? Probation { get; init; }

    /// <param name="probation">The probation a previous wemixvisor left unfinished for <paramref name="applied"/>: it goes on,
    /// with a new deadline, from the start.</param>
    public static SupervisorState Initial(AppliedUpgrade applied, UpgradeSchedule? schedule = null, ProbationRecord? probation = null)
    {
        var initial = new SupervisorState(new SupervisorPhase.Booting(), applied, 0, 0) { Schedule = schedule ?? UpgradeSchedule.Empty };
        return probation is null
            ? initial
            : initial with { Timers = initial.NextTimer.Sequence, Probation = Probation.Resume(probation, initial.NextTimer) };
    }

    public TimerId NextTimer => new(Timers + 1);

    public SupervisorState With(SupervisorPhase phase) => this with { Phase = phase };

    /// <summary>
    /// Whether <paramref name="upgrade"/> (from the trigger or the schedule) is still to be applied: pending against
    /// the applied upgrade, and not failed or rolled back before (that is retried only once it is scheduled again).
    /// </summary>
    public bool IsPending(UpgradeInfo upgrade) =>
        Applied.IsPendingFor(upgrade) && !HasFailed(upgrade);

    public bool HasFailed(UpgradeInfo upgrade) =>
        Schedule.Find(upgrade.Name) is { Status: ScheduleStatus.Failed or ScheduleStatus.RolledBack };

    /// <summary>
    /// The next height-scheduled upgrade still to be applied, as an upgrade plan; null when none is. An entry with a
    /// download URL gets it as the plan's <c>binaries</c> info, as a trigger would carry it.
    /// </summary>
    public UpgradeInfo? NextScheduled =>
        Schedule.Pending(Applied).FirstOrDefault() is { } next
            ? new UpgradeInfo(next.Name, next.Height, null, next.Source is { } source ? UpgradeBinaries.InfoFor(source) : "")
            : null;
}
