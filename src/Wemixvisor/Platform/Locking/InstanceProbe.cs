using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Wemixvisor.Core.Layout;
using Wemixvisor.Platform.Interop;
using Wemixvisor.Platform.Processes;

namespace Wemixvisor.Platform.Locking;

/// <summary>
/// Finds the wemixvisor that holds this home's instance lock without ever taking that lock. The pid written
/// in the lock file is only a candidate while that process lives; it is confirmed by a non-blocking shared
/// flock on a separate descriptor, which fails while the holder's exclusive lock stands. The probe is only
/// tried when the candidate lives, and a probe that succeeds is released at once by closing the descriptor,
/// so a running instance is never disturbed and a starting one almost never.
/// </summary>
internal static class InstanceProbe
{
    /// <summary>The pid of the wemixvisor holding the lock of <paramref name="layout"/>'s home, or null when none does.</summary>
    /// <exception cref="IOException">The lock file exists but cannot be opened or probed.</exception>
    public static int? HolderPid(HomeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var fd = Libc.Open(layout.LockFile, Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            return error is Libc.ENOENT or Libc.ENOTDIR // No wemixvisor ever ran here.
                ? null
                : throw new IOException($"cannot open lock file {layout.LockFile}: {Marshal.GetPInvokeErrorMessage(error)}");
        }
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (ReadPid(handle) is not { } candidate || !IsAlive(candidate))
        {
            return null;
        }
        if (Libc.Flock(fd, Libc.LOCK_SH | Libc.LOCK_NB) == 0)
        {
            return null; // Nobody holds it: the pid was reused by another process. Closing the handle releases the probe.
        }
        var flockError = Marshal.GetLastPInvokeError();
        return flockError == Libc.EWOULDBLOCK
            ? candidate
            : throw new IOException($"cannot probe lock file {layout.LockFile}: {Marshal.GetPInvokeErrorMessage(flockError)}");
    }

    private static int? ReadPid(SafeFileHandle handle)
    {
        var buffer = new byte[32];
        var length = RandomAccess.Read(handle, buffer, 0);
        return int.TryParse(Encoding.ASCII.GetString(buffer, 0, length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
            ? pid
            : null;
    }

    private static bool IsAlive(int pid) => ProcStat.Read(pid) is { IsZombie: false };
}
