using System.Diagnostics;

namespace Wemixvisor.Platform.Processes;

/// <summary>
/// The children wemixvisor started itself (the node, hooks), each started through <see cref="ProcessGroupStarter"/>.
/// The runtime waits for each of them and hands its exit status to the <see cref="Process"/>, so the
/// <see cref="ChildReaper"/> must never reap one: the node's exit code would be lost. Starting a child and
/// registering it happen under <see cref="Gate"/>, which the reaper holds while it looks, so a child that ends
/// at once is never mistaken for an orphan.
/// </summary>
internal static class StartedChildren
{
    public static readonly Lock Gate = new();

    /// <summary>pid → start time: a pid reused later by an orphan is not the same process.</summary>
    private static readonly Dictionary<int, ulong> Started = [];

    /// <summary>Starts a child through <paramref name="start"/> and registers it before anyone may reap it.</summary>
    public static Process Start(Func<Process> start)
    {
        lock (Gate)
        {
            var process = start();
            // Gone already means the runtime has reaped it: nothing to protect.
            if (ProcStat.Read(process.Id) is { } stat)
            {
                Started[process.Id] = stat.StartTime;
            }
            return process;
        }
    }

    /// <summary>True when <paramref name="child"/> is one wemixvisor started; to be asked under <see cref="Gate"/>.</summary>
    public static bool Contains(ProcStat child) => Started.TryGetValue(child.Pid, out var startTime) && startTime == child.StartTime;

    /// <summary>Forgets the children the runtime has reaped (their pid is gone or is another process); under <see cref="Gate"/>.</summary>
    public static void ForgetReaped()
    {
        foreach (var (pid, startTime) in Started)
        {
            if (ProcStat.Read(pid) is not { } stat || stat.StartTime != startTime)
            {
                Started.Remove(pid);
            }
        }
    }
}
