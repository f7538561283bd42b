namespace Wemixvisor.Core.Schedule;

/// <summary>The outcome of a change to an <see cref="UpgradeSchedule"/>: the new schedule, or why the change was refused.</summary>
public abstract record ScheduleEdit
{
    private ScheduleEdit() { }

    public sealed record Done(UpgradeSchedule Schedule) : ScheduleEdit;

    /// <summary>The change was refused; <paramref name="Reason"/> is one sentence naming the upgrade and the rule.</summary>
    public sealed record Refused(string Reason) : ScheduleEdit;
}
