using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Processes;

/// <summary>Questions about a process group, and bounded waits for it to empty.</summary>
internal static class ProcessGroup
{
    private static readonly TimeSpan PollStep = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// True while a process of the group is alive. Zombies do not count: a killed member that was
    /// re-parented to an init that does not reap it can do no harm, yet kill(-pgid, 0) still finds it.
    /// </summary>
    public static bool HasLiveMembers(int pgid)
    {
        if (!Libc.GroupExists(pgid))
        {
            return false;
        }
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), out var pid)
                && ProcStat.Read(pid) is { } stat
                && stat.ProcessGroup == pgid
                && !stat.IsZombie)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Polls <paramref name="done"/> until it holds or <paramref name="timeout"/> has passed; true when it held.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> done, TimeSpan timeout, CancellationToken cancellationToken = default, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var since = time.GetTimestamp();
        while (!done())
        {
            if (time.GetElapsedTime(since) >= timeout)
            {
                return false;
            }
            await Task.Delay(PollStep, time, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }
}
