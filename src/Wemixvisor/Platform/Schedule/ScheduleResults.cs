using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Platform.Schedule;

/// <summary>Records upgrade results in <c>schedule.json</c> under the schedule's lock; an upgrade from the trigger gets an entry of its own.</summary>
internal sealed class ScheduleResults(ScheduleStore store) : IUpgradeResults
{
    public void Record(UpgradeInfo upgrade, ScheduleStatus status, string? reason, DateTimeOffset at)
    {
        var update = store.Update(schedule => schedule.Find(upgrade.Name) is null
            ? Added(schedule, new ScheduledUpgrade(upgrade.Name, upgrade.Height, status, reason, at))
            : schedule.WithResult(upgrade.Name, status, reason, at));
        switch (update)
        {
            case ScheduleUpdate.Refused refused:
                throw new UpgradeResultException(refused.Reason);
            case ScheduleUpdate.Unusable unusable:
                throw new UpgradeResultException(unusable.Problem);
        }
    }

    private static ScheduleEdit Added(UpgradeSchedule schedule, ScheduledUpgrade entry) =>
        UpgradeSchedule.TryCreate(schedule.Entries.Append(entry).OrderBy(e => e.Height), out var added, out var error)
            ? new ScheduleEdit.Done(added)
            : new ScheduleEdit.Refused(error);
}
