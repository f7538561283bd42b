using Microsoft.Extensions.Logging;

namespace Wemixvisor.Platform.Backup;

/// <summary>Backup log messages, EventIds 4000-4099.</summary>
internal static partial class BackupLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Backing up {Source} into {BackupDir}: {Files} files, {Bytes} bytes")]
    public static partial void BackupStarting(this ILogger logger, string source, string backupDir, int files, long bytes);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "{Operation} progress: {Bytes} of {TotalBytes} bytes, {Files} of {TotalFiles} files, {MiBPerSecond} MiB/s, about {EtaSeconds} s left")]
    public static partial void CopyProgressed(this ILogger logger, string operation, long bytes, long totalBytes, int files, int totalFiles, double miBPerSecond, long etaSeconds);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "{Operation} progress: {Bytes} of {TotalBytes} bytes, {Files} of {TotalFiles} files")]
    public static partial void CopyProgressedWithoutRate(this ILogger logger, string operation, long bytes, long totalBytes, int files, int totalFiles);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Backup {Id} created: {Files} files, {Bytes} bytes in {Seconds:F1} s ({MiBPerSecond} MiB/s)")]
    public static partial void BackupCreated(this ILogger logger, string id, int files, long bytes, double seconds, double miBPerSecond);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Not backing up {Path}: it is a socket, FIFO or device, not data")]
    public static partial void SpecialFileSkipped(this ILogger logger, string path);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Removed the unfinished work directory {Directory} left by an interrupted backup or restore")]
    public static partial void PartialRemoved(this ILogger logger, string directory);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Could not remove the unfinished work directory {Directory}: {Reason}; it is removed on the next backup, or remove it by hand")]
    public static partial void PartialNotRemoved(this ILogger logger, string directory, string reason);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Restoring backup {Id} into {DataDir}")]
    public static partial void RestoreStarting(this ILogger logger, string id, string dataDir);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information, Message = "Restored backup {Id} into {DataDir}: {Files} files, {Bytes} bytes in {Seconds:F1} s")]
    public static partial void Restored(this ILogger logger, string id, string dataDir, int files, long bytes, double seconds);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "The data replaced by a restore is still at {Directory}: {Reason}; remove it by hand once you no longer need it")]
    public static partial void ReplacedDataNotRemoved(this ILogger logger, string directory, string reason);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Removed backup {Id} (keeping the newest {Keep})")]
    public static partial void BackupPruned(this ILogger logger, string id, int keep);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "{Entries} entries of {Source} belong to other users; wemixvisor does not run as root, so their copies belong to it instead")]
    public static partial void OwnersNotKept(this ILogger logger, int entries, string source);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "A restore into {DataDir} was interrupted between its renames; recovered from {Journal}: {Outcome}")]
    public static partial void InterruptedRestoreRecovered(this ILogger logger, string dataDir, string outcome, string journal);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Error, Message = "The backup ran out of space in {BackupDir}: the data is {DataBytes} bytes, a backup needs {NeededBytes} bytes free there, {AvailableBytes} are available; the partial copy is removed")]
    public static partial void BackupOutOfSpace(this ILogger logger, string backupDir, long dataBytes, long neededBytes, long availableBytes);
}
