using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Processes;

/// <summary>
/// Reaps the orphans that become wemixvisor's children. As PID 1 (a container's entrypoint) every process of the
/// PID namespace whose parent ends is re-parented to wemixvisor; otherwise wemixvisor makes itself a child
/// subreaper, so the node's daemonized descendants stay in its care instead of going to init. As a subreaper the
/// runtime reaps only the processes it started, so without this each of those would stay a zombie (as PID 1 the
/// runtime reaps orphans too; the two never take the same child twice: a reaped pid is simply not found again).
/// <para>
/// A child started through <see cref="ProcessGroupStarter"/> (the node, hooks) is never reaped here: the runtime
/// waits for it and its exit status is the node's exit code. So each pass first peeks (waitid with WNOWAIT, which
/// reaps nothing), then reaps by pid only the zombie children that <see cref="StartedChildren"/> does not know.
/// </para>
/// </summary>
internal sealed class ChildReaper : IDisposable
{
    private readonly ILogger _logger;
    private readonly int _self = Environment.ProcessId;
    private readonly PosixSignalRegistration _childSignals;

    private ChildReaper(ILogger logger)
    {
        _logger = logger;
        // The runtime's own SIGCHLD work (reaping the processes it started) runs before this handler.
        _childSignals = PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ => ReapOrphans());
    }

    /// <summary>Takes on the orphans (subreaper unless PID 1), reaps those already there, then reaps at each SIGCHLD.</summary>
    public static ChildReaper Start(ILogger<ChildReaper> logger)
    {
        if (Environment.ProcessId == 1)
        {
            logger.ReapingAsInit();
        }
        else if (Libc.BecomeChildSubreaper() is { } problem)
        {
            logger.SubreaperRefused(problem);
        }
        var reaper = new ChildReaper(logger);
        reaper.ReapOrphans();
        return reaper;
    }

    /// <summary>Reaps every ended child that wemixvisor did not start; returns how many.</summary>
    public int ReapOrphans()
    {
        if (!Libc.HasEndedChild())
        {
            return 0;
        }
        var reaped = 0;
        lock (StartedChildren.Gate)
        {
            StartedChildren.ForgetReaped();
            foreach (var entry in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(entry), out var pid)
                    && ProcStat.Read(pid) is { IsZombie: true } stat
                    && stat.ParentPid == _self
                    && !StartedChildren.Contains(stat)
                    && Libc.ReapChild(pid))
                {
                    reaped++;
                    _logger.OrphanReaped(pid);
                }
            }
        }
        return reaped;
    }

    public void Dispose() => _childSignals.Dispose();
}
