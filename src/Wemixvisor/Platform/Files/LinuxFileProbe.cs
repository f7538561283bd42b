using Wemixvisor.Core.Ports;

namespace Wemixvisor.Platform.Files;

/// <summary>
/// Stats and reads the trigger and marker files. The fingerprint comes from statx(2): size, inode and
/// the modification time in nanoseconds since the Unix epoch (carried in <see cref="FileFingerprint.ModifiedTicks"/>),
/// so a rewrite within the same 100 ns tick or a rename-over by a file of equal size and time still shows.
/// </summary>
internal sealed class LinuxFileProbe : IFileProbe
{
    public FileFingerprint? Stat(string path) =>
        FileStatus.Get(path) is { } status
            ? new FileFingerprint((long)status.Size, status.ModifiedUnixNanoseconds, (long)status.Inode)
            : null;

    public byte[]? Read(string path, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[maxBytes];
            var total = 0;
            int read;
            while (total < maxBytes && (read = stream.Read(buffer, total, maxBytes - total)) > 0)
            {
                total += read;
            }
            return total == maxBytes ? buffer : buffer[..total];
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
