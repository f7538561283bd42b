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

    [LoggerMessage(EventId = 3126, Level = LogLevel.Warning, Message = "A previous wemixvisor stopped while upgrade {Upgrade} was on probation; the probation goes on: the binary has {ReadyTimeout} from its start to show it is ready, or it is rolled back to {Previous} while that is safe")]
    public static partial void ResumingProbation(this ILogger logger, string upgrade, TimeSpan readyTimeout, string previous);

    [LoggerMessage(EventId = 3127, Level = LogLevel.Warning, Message = "Removed the probation record {Path}: {Reason}")]
    public static partial void ProbationDropped(this ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3130, Level = LogLevel.Error, Message = "Cannot read the probation record {Path}: {Reason}; no probation is resumed")]
    public static partial void ProbationUnreadable(this ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3128, Level = LogLevel.Error, Message = "Upgrade {Upgrade} was rolled back to {Previous}: a previous wemixvisor stopped during the rollback, which was completed at start-up; it is not tried again until it is scheduled again")]
    public static partial void RollbackCompletedAtStart(this ILogger logger, string upgrade, string previous);

    [LoggerMessage(EventId = 3129, Level = LogLevel.Error, Message = "Cannot record in the schedule that upgrade {Upgrade} was rolled back: {Reason}")]
    public static partial void RollbackNotRecorded(this ILogger logger, string upgrade, string reason);

    [LoggerMessage(EventId = 3125, Level = LogLevel.Information, Message = "Removed {Path}, left by an interrupted write")]
    public static partial void StrayRemoved(this ILogger logger, string path);
}
