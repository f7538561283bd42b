using Microsoft.Extensions.Logging;

namespace Wemixvisor.Platform.Upgrades;

/// <summary>Outcomes of the upgrade steps (backup and hooks), EventIds 4150-4159 of the hooks range.</summary>
internal static partial class UpgradeJobLog
{
    [LoggerMessage(EventId = 4150, Level = LogLevel.Information, Message = "Upgrade {Upgrade}: {Step} {Outcome}: {Detail}")]
    public static partial void StepFinished(this ILogger logger, string upgrade, string step, string outcome, string detail);

    [LoggerMessage(EventId = 4151, Level = LogLevel.Error, Message = "Upgrade {Upgrade}: {Step} failed: {Reason}")]
    public static partial void StepFailed(this ILogger logger, string upgrade, string step, string reason);
}
