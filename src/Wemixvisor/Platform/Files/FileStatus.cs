using System.Runtime.InteropServices;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Files;

/// <summary>stat of a path through statx(2), following symlinks.</summary>
internal static class FileStatus
{
    /// <summary>The status of <paramref name="path"/>, or null when it (or a directory on the way) does not exist.</summary>
    public static StatxBuffer? Get(string path)
    {
        if (Libc.Statx(Libc.AT_FDCWD, path, 0, Libc.STATX_BASIC_STATS, out var buffer) == 0)
        {
            return buffer;
        }
        var error = Marshal.GetLastPInvokeError();
        if (error is Libc.ENOENT or Libc.ENOTDIR)
        {
            return null;
        }
        throw new IOException($"cannot stat {path}: {Marshal.GetPInvokeErrorMessage(error)}");
    }
}
