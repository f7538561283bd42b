using Microsoft.Extensions.Logging;

namespace Wemixvisor.Platform.Locking;

internal static partial class LockLog
{
    [LoggerMessage(EventId = 3150, Level = LogLevel.Debug, Message = "Holding instance lock {Path} as pid {Pid}")]
    public static partial void LockTaken(this ILogger logger, string path, int pid);
}
