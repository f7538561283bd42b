using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Schedule;

/// <summary>
/// An exclusive flock(2) on <c>schedule.json.lock</c> around one read-modify-write of the schedule: the commands
/// and a running <c>run</c> all write it. The file is never deleted (two processes would lock two inodes), and
/// the descriptor is opened with O_CLOEXEC so that a node started meanwhile does not inherit the lock.
/// </summary>
internal sealed class ScheduleLock : IDisposable
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(10);

    private readonly SafeFileHandle _handle;

    private ScheduleLock(SafeFileHandle handle) => _handle = handle;

    /// <summary>Waits up to <paramref name="timeout"/> for the lock; a holder only keeps it for the milliseconds of one update.</summary>
    /// <exception cref="IOException">The lock file cannot be opened, or the lock was not free within <paramref name="timeout"/>.</exception>
    public static ScheduleLock Acquire(string path, TimeSpan timeout)
    {
        var fd = Libc.Open(path, Libc.O_RDWR | Libc.O_CREAT | Libc.O_CLOEXEC, 0b110_100_100);
        if (fd < 0)
        {
            throw new IOException($"cannot open lock file {path}: {Marshal.GetLastPInvokeErrorMessage()}");
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var waited = Stopwatch.StartNew();
        while (Libc.Flock(fd, Libc.LOCK_EX | Libc.LOCK_NB) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            if (error != Libc.EWOULDBLOCK || waited.Elapsed >= timeout)
            {
                handle.Dispose();
                throw new IOException(error == Libc.EWOULDBLOCK
                    ? $"{path} stayed locked by another wemixvisor for {timeout.TotalSeconds:0} s"
                    : $"cannot lock {path}: {Marshal.GetPInvokeErrorMessage(error)}");
            }
            Thread.Sleep(RetryPause);
        }
        return new ScheduleLock(handle);
    }

    /// <summary>Releases the lock (closing the descriptor releases the flock).</summary>
    public void Dispose() => _handle.Dispose();
}
