using Wemixvisor.Core.Schedule;

namespace Wemixvisor.Platform.Schedule;

/// <summary>The outcome of <see cref="ScheduleStore.Update"/>.</summary>
internal abstract record ScheduleUpdate
{
    private ScheduleUpdate() { }

    /// <summary>The change was written (or changed nothing); <paramref name="Before"/> is what the file held.</summary>
    public sealed record Saved(UpgradeSchedule Before, UpgradeSchedule After) : ScheduleUpdate;

    /// <summary>The schedule refused the change (<see cref="ScheduleEdit.Refused"/>); the file is unchanged.</summary>
    public sealed record Refused(string Reason) : ScheduleUpdate;

    /// <summary>The file is invalid, unreadable or could not be written; <paramref name="Problem"/> names it. The file is unchanged.</summary>
    public sealed record Unusable(string Problem) : ScheduleUpdate;
}
