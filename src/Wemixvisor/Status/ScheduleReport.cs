using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.Platform.Files;

namespace Wemixvisor.Status;

/// <summary>One scheduled upgrade and whether its binary passes the preflight's checks.</summary>
internal sealed record ScheduleEntryReport(ScheduledUpgrade Upgrade, BinaryReport Binary);

/// <summary>The upgrade schedule as <c>schedule list</c> shows it: every entry with its binary, and the applied upgrade.</summary>
internal sealed record ScheduleReport(string ScheduleFile, AppliedUpgrade Applied, IReadOnlyList<ScheduleEntryReport> Entries)
{
    public static ScheduleReport From(HomeLayout layout, UpgradeSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(schedule);
        return new ScheduleReport(
            layout.ScheduleFile,
            AppliedMarker.Read(layout),
            schedule.Entries.Select(entry => new ScheduleEntryReport(entry, UpgradeReport.CheckBinary(layout, entry.Name))).ToList());
    }
}

/// <summary>The applied upgrade as <c>run</c> sees it: the marker <c>current/upgrade-info.json</c>, genesis when there is no valid one.</summary>
internal static class AppliedMarker
{
    public static AppliedUpgrade Read(HomeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        try
        {
            return new TriggerReader(new LinuxFileProbe(), layout.CurrentMarker).ReadApplied();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return AppliedUpgrade.Genesis;
        }
    }
}
