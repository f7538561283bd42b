using Microsoft.Extensions.Logging;

namespace Wemixvisor.Platform.Downloads;

/// <summary>Downloads of upgrade binaries, EventIds 4200-4219.</summary>
internal static partial class DownloadLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "Upgrade {Upgrade}: downloading its binary from {Url}")]
    public static partial void Started(this ILogger logger, string upgrade, string url);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Upgrade {Upgrade}: downloaded {Done} of {Total} from {Url}, {Rate}/s, {Eta} left")]
    public static partial void Progress(this ILogger logger, string upgrade, string done, string total, string url, string rate, string eta);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "Upgrade {Upgrade}: binary staged at {Binary} ({Bytes} bytes downloaded from {Url}, {Checksum} verified)")]
    public static partial void Staged(this ILogger logger, string upgrade, string binary, long bytes, string url, string checksum);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Upgrade {Upgrade}: download from {Url} failed: {Reason}; trying again in {Delay}")]
    public static partial void WillRetry(this ILogger logger, string upgrade, string url, string reason, string delay);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Error, Message = "Upgrade {Upgrade}: download from {Url} failed: {Reason}; not tried again until the upgrade plan changes")]
    public static partial void GaveUp(this ILogger logger, string upgrade, string url, string reason);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Warning, Message = "Upgrade {Upgrade}: {Url} comes without a checksum (DAEMON_DOWNLOAD_MUST_HAVE_CHECKSUM=false); the download's {Checksum} is not verified against anything")]
    public static partial void NoChecksum(this ILogger logger, string upgrade, string url, string checksum);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Information, Message = "Upgrade {Upgrade}: removed {Path}, left by an earlier download that did not finish")]
    public static partial void LeftoverRemoved(this ILogger logger, string upgrade, string path);

    [LoggerMessage(EventId = 4207, Level = LogLevel.Information, Message = "Upgrade {Upgrade}: reading the binaries document {Url} named by the upgrade plan")]
    public static partial void ReadingDocument(this ILogger logger, string upgrade, string url);
}
