namespace Wemixvisor.Core.Schedule;

/// <summary>What a look at <c>schedule.json</c> found.</summary>
public abstract record ScheduleFile
{
    private ScheduleFile() { }

    /// <summary>No schedule file: nothing is scheduled.</summary>
    public sealed record Absent : ScheduleFile
    {
        public static readonly Absent Instance = new();
    }

    /// <summary>Unusable: not JSON, truncated, too large, not a regular file, or a rule broken; <paramref name="Reason"/> names the field or entry.</summary>
    public sealed record Invalid(string Reason) : ScheduleFile;

    public sealed record Valid(UpgradeSchedule Schedule) : ScheduleFile;
}
