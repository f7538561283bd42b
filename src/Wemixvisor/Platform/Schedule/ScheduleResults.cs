using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Platform.Schedule;

/// <summary>Records upgrade results in <c>schedule.json</c> under the schedule's lock; an upgrade from the trigger gets an entry of its own.</summary>
internal sealed class ScheduleResults(ScheduleStore store) : IUpgradeResults
{
    public void Record(UpgradeInfo upgrade, ScheduleStatus status, string? reason, DateTimeOffset at)
    {
        switch (store.Update(schedule => schedule.Recording(upgrade.Name, upgrade.Height, status, reason, at)))
        {
            case ScheduleUpdate.Refused refused:
                throw new UpgradeResultException(refused.Reason);
            case ScheduleUpdate.Unusable unusable:
                throw new UpgradeResultException(unusable.Problem);
        }
    }
}
