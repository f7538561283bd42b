namespace Wemixvisor.Platform.Backup;

/// <summary>A backup operation that cannot be done as asked; the message names the path or id and what to do.</summary>
internal class BackupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The backup directory's file system filled up (ENOSPC or EDQUOT) during a backup; the partial copy was removed.</summary>
internal sealed class BackupNoSpaceException(string message, Exception inner) : BackupException(message, inner);
