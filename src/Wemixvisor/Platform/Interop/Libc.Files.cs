using System.Runtime.InteropServices;

namespace Wemixvisor.Platform.Interop;

/// <summary>File-type, executable and real-path queries the BCL does not offer (it reports a socket or a FIFO as a normal file).</summary>
internal static partial class Libc
{
    private const int AT_SYMLINK_NOFOLLOW = 0x100;
    private const uint STATX_TYPE = 0x1;
    private const int S_IFMT = 0xF000;
    private const int S_IFREG = 0x8000;
    private const int S_IFDIR = 0x4000;
    private const int S_IFLNK = 0xA000;
    private const int X_OK = 1;

    [LibraryImport("libc", EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);

    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPath(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(nint pointer);

    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static partial int SyncFs(int fd);

    /// <summary>
    /// The kind of <paramref name="path"/>: with <paramref name="followLinks"/> false a symlink is reported
    /// as <see cref="FileKind.SymbolicLink"/> (lstat), else as what it points to (stat).
    /// </summary>
    public static FileKind KindOf(string path, bool followLinks)
    {
        if (Statx(AT_FDCWD, path, followLinks ? 0 : AT_SYMLINK_NOFOLLOW, STATX_TYPE, out var buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is ENOENT or ENOTDIR)
            {
                return FileKind.Missing;
            }
            throw new IOException($"cannot stat {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        return (buffer.Mode & S_IFMT) switch
        {
            S_IFREG => FileKind.Regular,
            S_IFDIR => FileKind.Directory,
            S_IFLNK => FileKind.SymbolicLink,
            _ => FileKind.Other,
        };
    }

    /// <summary>True when this process may execute <paramref name="path"/> (access(2) with X_OK, following links).</summary>
    public static bool IsExecutable(string path) => Access(path, X_OK) == 0;

    /// <summary>realpath(3): the absolute path with every symlink, "." and ".." resolved; null when it does not resolve.</summary>
    public static string? ResolveRealPath(string path)
    {
        var resolved = RealPath(path, 0);
        if (resolved == 0)
        {
            return null;
        }
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    /// <summary>syncfs(2): writes every dirty page of the file system holding <paramref name="directory"/> to disk.</summary>
    public static void SyncFileSystemOf(string directory)
    {
        var fd = Open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
        {
            throw new IOException($"cannot open directory {directory}: {Marshal.GetLastPInvokeErrorMessage()}");
        }
        try
        {
            if (SyncFs(fd) != 0)
            {
                throw new IOException($"cannot sync the file system of {directory}: {Marshal.GetLastPInvokeErrorMessage()}");
            }
        }
        finally
        {
            Close(fd);
        }
    }
}
