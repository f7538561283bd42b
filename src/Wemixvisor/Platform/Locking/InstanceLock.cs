using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using Wemixvisor.Core.Layout;
using Wemixvisor.Platform.Interop;
using Wemixvisor.Platform.Processes;

namespace Wemixvisor.Platform.Locking;

/// <summary>
/// One wemixvisor per home: an exclusive flock(2) on <see cref="HomeLayout.LockFile"/>, held until
/// disposal (or until the process ends, whatever way it ends), with our pid written in the file.
/// The descriptor is opened with O_CLOEXEC so the node does not inherit it and cannot keep the lock
/// after wemixvisor is gone. Plain libc rather than FileShare.None: .NET's locking can be switched
/// off by DOTNET_SYSTEM_IO_DISABLEFILELOCKING, and reading the pid must not take a lock itself.
/// The file is never deleted: removing it would let two processes lock two different inodes.
/// </summary>
internal sealed class InstanceLock : IDisposable
{
    private readonly FileStream _file;

    private InstanceLock(FileStream file) => _file = file;

    public string Path => _file.Name;

    /// <summary>Takes the lock or throws <see cref="InstanceLockedException"/> naming the pid that holds it.</summary>
    public static InstanceLock Acquire(HomeLayout layout, ILogger<InstanceLock> logger)
    {
        var path = layout.LockFile;
        var fd = Libc.Open(path, Libc.O_RDWR | Libc.O_CREAT | Libc.O_CLOEXEC, 0b110_100_100);
        if (fd < 0)
        {
            throw new IOException($"cannot open lock file {path}: {Marshal.GetLastPInvokeErrorMessage()}");
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (Libc.Flock(fd, Libc.LOCK_EX | Libc.LOCK_NB) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            handle.Dispose();
            if (error == Libc.EWOULDBLOCK)
            {
                throw new InstanceLockedException(layout.Home, ReadHolder(path));
            }
            throw new IOException($"cannot lock {path}: {Marshal.GetPInvokeErrorMessage(error)}");
        }
        var file = new FileStream(handle, FileAccess.ReadWrite, bufferSize: 0);
        file.SetLength(0);
        file.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
        file.Flush(flushToDisk: true);
        logger.LockTaken(path, Environment.ProcessId);
        return new InstanceLock(file);
    }

    /// <summary>
    /// Takes the lock for work on the node's data (a backup or a restore): besides another wemixvisor, a node that a
    /// killed wemixvisor left running must not use the home either. When one does, the lock is released again.
    /// </summary>
    /// <exception cref="InstanceLockedException">Another wemixvisor holds the lock.</exception>
    /// <exception cref="NodeStillRunningException">The node recorded in <see cref="HomeLayout.NodeRecordFile"/> still runs.</exception>
    public static InstanceLock AcquireWithNodeStopped(HomeLayout layout, ILogger<InstanceLock> logger)
    {
        var held = Acquire(layout, logger);
        try
        {
            if (new NodeRecordStore(layout).Load() is { } node && node.IsAlive())
            {
                throw new NodeStillRunningException(node.Pid);
            }
            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>The pid written by the holder, or null while it has not written it yet.</summary>
    private static int? ReadHolder(string path)
    {
        var fd = Libc.Open(path, Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            return null;
        }
        using var file = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, bufferSize: 0);
        var buffer = new byte[32];
        var length = file.Read(buffer);
        return int.TryParse(Encoding.ASCII.GetString(buffer, 0, length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;
    }

    /// <summary>Releases the lock (closing the descriptor releases the flock).</summary>
    public void Dispose() => _file.Dispose();
}

/// <summary>Another wemixvisor holds the lock of this home; the message is the one users see (exit code 4).</summary>
internal sealed class InstanceLockedException(string home, int? holderPid)
    : Exception(holderPid is { } pid
        ? $"another wemixvisor (pid {pid}) runs for {home}"
        : $"another wemixvisor runs for {home}")
{
    public string Home { get; } = home;
    public int? HolderPid { get; } = holderPid;
}
