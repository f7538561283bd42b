using Microsoft.Extensions.Logging;

namespace Wemixvisor.Platform.Files;

internal static partial class FilesLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Watching {Path} for changes (inotify)")]
    public static partial void WatchingFile(this ILogger logger, string path);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "No change notifications for {Path} ({Reason}); polling alone detects changes")]
    public static partial void NotificationsUnavailable(this ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Change notifications for {Path} may have been lost ({Reason}); the next poll re-reads the file")]
    public static partial void NotificationsLost(this ILogger logger, string path, string reason);
}
