using System.Runtime.InteropServices;

namespace Wemixvisor.Platform.Interop;

/// <summary>
/// The few libc calls the BCL does not offer: group signals, rename over a symlink, directory fsync, flock,
/// statx, sysconf, prctl, waitid. Every P/Invoke of wemixvisor is declared in this class.
/// </summary>
internal static partial class Libc
{
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EWOULDBLOCK = 11;
    public const int ENOTDIR = 20;
    public const int O_RDONLY = 0;
    public const int O_DIRECTORY = 0x10000;
    public const int O_CLOEXEC = 0x80000;
    public const int LOCK_SH = 1;
    public const int LOCK_EX = 2;
    public const int LOCK_NB = 4;
    public const int O_RDWR = 2;
    public const int O_CREAT = 0x40;
    public const int AT_FDCWD = -100;
    public const int STATX_BASIC_STATS = 0x7ff;
    public const int SC_CLK_TCK = 2;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Rename(string oldPath, string newPath);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    /// <summary>open(2) with a creation mode (the variadic third argument, passed as a plain int on linux-x64).</summary>
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, int mode);

    /// <summary>statx(2) (glibc 2.28+): unlike the BCL it gives the inode and nanosecond timestamps; its layout is the same on every architecture.</summary>
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int dirFd, string path, int flags, uint mask, out StatxBuffer buffer);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "getpgid", SetLastError = true)]
    public static partial int GetPgid(int pid);

    /// <summary>sysconf(3), e.g. <see cref="SC_CLK_TCK"/>: the clock ticks per second of <c>/proc/&lt;pid&gt;/stat</c> times.</summary>
    [LibraryImport("libc", EntryPoint = "sysconf")]
    public static partial long Sysconf(int name);

    /// <summary>Sends <paramref name="signal"/> to every process of group <paramref name="pgid"/>; false when the group is gone.</summary>
    public static bool SignalGroup(int pgid, int signal) => Kill(-pgid, signal) == 0;

    /// <summary>True while any process of the group still exists (signal 0 probes without sending).</summary>
    public static bool GroupExists(int pgid) => Kill(-pgid, 0) == 0 || Marshal.GetLastPInvokeError() != ESRCH;

    /// <summary>rename(2): atomically replaces <paramref name="newPath"/>, also when it is a symlink to a directory.</summary>
    public static void RenameOrThrow(string oldPath, string newPath)
    {
        if (Rename(oldPath, newPath) != 0)
        {
            throw new IOException($"cannot rename {oldPath} to {newPath}: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    /// <summary>fsync(2) on a directory, so that a rename or a new entry in it survives a power loss.</summary>
    public static void FsyncDirectory(string directory)
    {
        var fd = Open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
        {
            throw new IOException($"cannot open directory {directory}: {Marshal.GetLastPInvokeErrorMessage()}");
        }
        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"cannot fsync directory {directory}: {Marshal.GetLastPInvokeErrorMessage()}");
            }
        }
        finally
        {
            Close(fd);
        }
    }
}
