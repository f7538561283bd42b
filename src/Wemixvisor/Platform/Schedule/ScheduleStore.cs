using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Platform.Files;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Schedule;

/// <summary>
/// <c>schedule.json</c> on disk. <see cref="Read"/> takes no lock (writes are atomic renames) and never reads more
/// than <see cref="ScheduleParser.MaxFileBytes"/> + 1 bytes: a symlink is refused without being followed, and a
/// device, pipe or directory without being read. <see cref="Update"/> reads, changes and writes the file
/// atomically under <see cref="ScheduleLock"/>. Neither throws for a problem of the file: it is reported.
/// </summary>
internal sealed class ScheduleStore(string path, TimeSpan? lockTimeout = null)
{
    // Linux x86-64 values; kept here rather than in Libc because nothing else opens files this way.
    private const int O_NONBLOCK = 0x800;
    private const int O_NOFOLLOW = 0x20000;
    private const int AT_EMPTY_PATH = 0x1000;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;
    private const int ELOOP = 40;

    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(10);

    public static ScheduleStore For(HomeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return new ScheduleStore(layout.ScheduleFile);
    }

    public string Path => path;

    public string LockPath => path + ".lock";

    /// <summary>The sentence a user sees for an invalid file: the path, what is wrong, and that it was left alone.</summary>
    public string Problem(string reason) => $"the schedule file {path} is unusable: {reason}; correct or remove it (wemixvisor left it unchanged)";

    /// <summary>The file as it is now: absent, invalid (the reason names the field, entry or file type) or valid.</summary>
    public ScheduleFile Read()
    {
        var fd = Libc.Open(path, Libc.O_RDONLY | O_NOFOLLOW | O_NONBLOCK | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            return error switch
            {
                ENOENT or ENOTDIR => ScheduleFile.Absent.Instance,
                ELOOP => new ScheduleFile.Invalid("it is a symbolic link (wemixvisor reads and writes only a regular file there)"),
                _ => new ScheduleFile.Invalid($"it cannot be opened: {Marshal.GetPInvokeErrorMessage(error)}"),
            };
        }
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (Libc.Statx(fd, "", AT_EMPTY_PATH, Libc.STATX_BASIC_STATS, out var status) != 0)
        {
            return new ScheduleFile.Invalid($"it cannot be examined: {Marshal.GetLastPInvokeErrorMessage()}");
        }
        if (status.IsDirectory)
        {
            return new ScheduleFile.Invalid("it is a directory, not a file");
        }
        if (!status.IsRegularFile)
        {
            return new ScheduleFile.Invalid("it is not a regular file (a device, pipe or socket)");
        }
        if (status.Size > ScheduleParser.MaxFileBytes)
        {
            return new ScheduleFile.Invalid($"file is {status.Size} bytes; at most {ScheduleParser.MaxFileBytes} are accepted");
        }
        try
        {
            return ScheduleParser.Parse(ReadAtMost(handle, (long)status.Size, ScheduleParser.MaxFileBytes + 1));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ScheduleFile.Invalid($"it cannot be read: {e.Message}");
        }
    }

    /// <summary>
    /// Under the lock: reads the schedule (empty when there is no file), applies <paramref name="change"/> and writes the
    /// result atomically. Nothing is written when the file is unusable, the change is refused or changes nothing.
    /// </summary>
    public ScheduleUpdate Update(Func<UpgradeSchedule, ScheduleEdit> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            using var held = ScheduleLock.Acquire(LockPath, lockTimeout ?? DefaultLockTimeout);
            UpgradeSchedule before;
            switch (Read())
            {
                case ScheduleFile.Valid valid:
                    before = valid.Schedule;
                    break;
                case ScheduleFile.Invalid invalid:
                    return new ScheduleUpdate.Unusable(Problem(invalid.Reason));
                default:
                    before = UpgradeSchedule.Empty;
                    break;
            }
            switch (change(before))
            {
                case ScheduleEdit.Refused refused:
                    return new ScheduleUpdate.Refused(refused.Reason);
                case ScheduleEdit.Done { Schedule: var after } when after.Equals(before):
                    return new ScheduleUpdate.Saved(before, after);
                case ScheduleEdit.Done { Schedule: var after }:
                    var bytes = ScheduleWriter.ToBytes(after);
                    if (bytes.Length > ScheduleParser.MaxFileBytes)
                    {
                        return new ScheduleUpdate.Refused($"the schedule would be {bytes.Length} bytes, more than the {ScheduleParser.MaxFileBytes} accepted; cancel upgrades that are done with");
                    }
                    AtomicFile.Write(path, bytes);
                    return new ScheduleUpdate.Saved(before, after);
                default:
                    throw new InvalidOperationException("unknown schedule edit");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ScheduleUpdate.Unusable($"cannot update the schedule file {path}: {e.Message}");
        }
    }

    /// <summary>Reads to the end or to <paramref name="maxBytes"/>, starting with a buffer of the size stat gave (the supervisor reads often).</summary>
    private static byte[] ReadAtMost(SafeFileHandle handle, long size, int maxBytes)
    {
        var buffer = new byte[(int)Math.Min(size + 1, maxBytes)];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total == maxBytes)
                {
                    return buffer;
                }
                Array.Resize(ref buffer, (int)Math.Min(2L * buffer.Length + 1, maxBytes));
            }
            var read = RandomAccess.Read(handle, buffer.AsSpan(total), total);
            if (read == 0)
            {
                return buffer[..total];
            }
            total += read;
        }
    }
}
