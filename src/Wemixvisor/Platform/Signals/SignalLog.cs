using Microsoft.Extensions.Logging;

namespace Wemixvisor.Platform.Signals;

internal static partial class SignalLog
{
    [LoggerMessage(EventId = 3040, Level = LogLevel.Information, Message = "wemixvisor received signal {Signal}")]
    public static partial void SignalReceived(this ILogger logger, string signal);
}
