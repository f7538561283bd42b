namespace Wemixvisor.Platform.Backup;

/// <summary>A backup operation that cannot be done as asked; the message names the path or id and what to do.</summary>
internal sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);
