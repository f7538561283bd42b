using Microsoft.Extensions.Logging;

namespace Wemixvisor.Platform.Schedule;

/// <summary>Log lines of changes to the upgrade schedule (event ids 3200-3219).</summary>
internal static partial class ScheduleLog
{
    [LoggerMessage(EventId = 3300, Level = LogLevel.Debug, Message = "Upgrade {Upgrade} scheduled at height {Height} in {ScheduleFile} (previously {Previous})")]
    public static partial void Scheduled(ILogger logger, string upgrade, long height, string scheduleFile, string previous);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Debug, Message = "Upgrade {Upgrade} at height {Height} ({Status}) removed from {ScheduleFile}")]
    public static partial void Cancelled(ILogger logger, string upgrade, long height, string status, string scheduleFile);
}
