using System.Diagnostics.CodeAnalysis;

namespace Wemixvisor.Core.Schedule;

/// <summary>Where a scheduled upgrade stands.</summary>
public enum ScheduleStatus
{
    /// <summary>Waiting for its height; the only status that is ever applied.</summary>
    Pending,

    /// <summary>The switch to it was made.</summary>
    Applied,

    /// <summary>It could not be applied; the entry carries the reason. Not retried until an operator adds it again.</summary>
    Failed,

    /// <summary>Its binary did not come up and the previous one was put back; the entry carries the reason. Not retried until an operator adds it again.</summary>
    RolledBack,
}

/// <summary>The status names used in <c>schedule.json</c> and in the commands' output.</summary>
public static class ScheduleStatuses
{
    public static string Text(ScheduleStatus status) => status switch
    {
        ScheduleStatus.Pending => "pending",
        ScheduleStatus.Applied => "applied",
        ScheduleStatus.Failed => "failed",
        ScheduleStatus.RolledBack => "rolled_back",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out ScheduleStatus? status)
    {
        status = text switch
        {
            "pending" => ScheduleStatus.Pending,
            "applied" => ScheduleStatus.Applied,
            "failed" => ScheduleStatus.Failed,
            "rolled_back" => ScheduleStatus.RolledBack,
            _ => null,
        };
        return status is not null;
    }

    /// <summary>True for the statuses that must say why: <see cref="ScheduleStatus.Failed"/> and <see cref="ScheduleStatus.RolledBack"/>.</summary>
    public static bool NeedsReason(ScheduleStatus status) => status is ScheduleStatus.Failed or ScheduleStatus.RolledBack;

    /// <summary>The text of every status, for messages: "pending, applied, failed or rolled_back".</summary>
    public const string All = "pending, applied, failed or rolled_back";
}
