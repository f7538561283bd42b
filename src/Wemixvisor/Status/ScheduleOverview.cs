using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Platform.Schedule;

namespace Wemixvisor.Status;

/// <summary>
/// The schedule as <c>status</c> and <c>show-upgrade-info</c> see it: the report <c>schedule list</c> prints and the
/// next pending upgrade <c>run</c> would wait for, or why <c>schedule.json</c> is unusable (never an error).
/// </summary>
internal sealed record ScheduleOverview(string ScheduleFile, ScheduleReport? Report, ScheduledUpgrade? Next, string? Problem)
{
    public static ScheduleOverview Read(HomeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var store = ScheduleStore.For(layout);
        switch (store.Read())
        {
            case ScheduleFile.Invalid invalid:
                return new ScheduleOverview(store.Path, null, null, store.Problem(invalid.Reason));
            case ScheduleFile.Valid valid:
                return Of(store.Path, ScheduleReport.From(layout, valid.Schedule), valid.Schedule);
            default:
                return Of(store.Path, ScheduleReport.From(layout, UpgradeSchedule.Empty), UpgradeSchedule.Empty);
        }
    }

    private static ScheduleOverview Of(string path, ScheduleReport report, UpgradeSchedule schedule) =>
        new(path, report, schedule.Pending(report.Applied).FirstOrDefault(), null);
}
