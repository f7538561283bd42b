using Microsoft.Extensions.Logging;

namespace Wemixvisor.Platform.Switching;

internal static partial class SwitchLog
{
    [LoggerMessage(EventId = 3120, Level = LogLevel.Information, Message = "Switching to upgrade {Upgrade} at height {Height}: journal written")]
    public static partial void SwitchBegun(this ILogger logger, string upgrade, long height);

    [LoggerMessage(EventId = 3121, Level = LogLevel.Information, Message = "Wrote applied marker {Marker}")]
    public static partial void MarkerWritten(this ILogger logger, string marker);

    [LoggerMessage(EventId = 3122, Level = LogLevel.Information, Message = "Switched current -> {To} (was {From})")]
    public static partial void LinkSwitched(this ILogger logger, string to, string from);

    [LoggerMessage(EventId = 3123, Level = LogLevel.Warning, Message = "A previous wemixvisor stopped while switching to upgrade {Upgrade}; completing the switch")]
    public static partial void ResumingSwitch(this ILogger logger, string upgrade);

    [LoggerMessage(EventId = 3124, Level = LogLevel.Warning, Message = "Ignoring the upgrade journal {Path}: {Reason}; current still points to {Target}")]
    public static partial void JournalUnreadable(this ILogger logger, string path, string reason, string target);

    [LoggerMessage(EventId = 3125, Level = LogLevel.Information, Message = "Removed {Path}, left by an interrupted write")]
    public static partial void StrayRemoved(this ILogger logger, string path);
}
