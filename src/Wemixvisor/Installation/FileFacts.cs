using System.Runtime.InteropServices;

namespace Wemixvisor.Installation;

/// <summary>What the BCL does not tell about a path: its file type (regular or not) and whether we may execute it.</summary>
internal static partial class FileFacts
{
    public enum Kind
    {
        Missing,
        Regular,
        Directory,
        Other,
    }

    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int StatxModeOffset = 28; // struct statx is the same on every Linux architecture.
    private const int StatxSize = 256;
    private const int TypeMask = 0xF000;
    private const int TypeRegular = 0x8000;
    private const int TypeDirectory = 0x4000;
    private const int ExecuteOk = 1;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int dirFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);

    /// <summary>The type of what <paramref name="path"/> names, following symlinks.</summary>
    /// <exception cref="IOException">The path cannot be examined (for example permission denied).</exception>
    public static unsafe Kind KindOf(string path)
    {
        var buffer = stackalloc byte[StatxSize];
        if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is ENOENT or ENOTDIR)
            {
                return Kind.Missing;
            }
            throw new IOException($"cannot examine {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        var mode = *(ushort*)(buffer + StatxModeOffset);
        return (mode & TypeMask) switch
        {
            TypeRegular => Kind.Regular,
            TypeDirectory => Kind.Directory,
            _ => Kind.Other,
        };
    }

    /// <summary>access(2) with X_OK: whether this process may execute the file.</summary>
    public static bool IsExecutable(string path) => Access(path, ExecuteOk) == 0;
}
