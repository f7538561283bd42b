using System.Globalization;

namespace Wemixvisor.Platform.Backup;

/// <summary>
/// Whether the backup directory can hold a backup of the data: it needs the data's size plus
/// 10 % plus 64 MiB, room for files that grow while the node still runs and for the file system's own blocks.
/// </summary>
internal sealed record SpaceCheck(string DataDir, string BackupDir, long DataBytes, long AvailableBytes)
{
    public const long FixedMarginBytes = 64L * 1024 * 1024;

    public static long RequiredFor(long dataBytes) => dataBytes + dataBytes / 10 + FixedMarginBytes;

    public long RequiredBytes => RequiredFor(DataBytes);

    public bool IsEnough => AvailableBytes >= RequiredBytes;

    /// <summary>Null when there is room; else one sentence with both byte counts and the ways out.</summary>
    public string? Problem => IsEnough
        ? null
        : string.Create(CultureInfo.InvariantCulture,
            $"not enough free space for the backup: {BackupDir} has {AvailableBytes} bytes ({Human(AvailableBytes)}) available, but a backup of {DataDir} ({DataBytes} bytes) needs {RequiredBytes} bytes ({Human(RequiredBytes)}: the data + 10 % + 64 MiB); free space there, point DAEMON_DATA_BACKUP_DIR to a larger disk, or set UNSAFE_SKIP_BACKUP=true to upgrade without a backup");

    private static string Human(long bytes) =>
        bytes >= 1L << 30
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F1} GiB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F1} MiB");
}
