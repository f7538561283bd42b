using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Ports;

namespace Wemixvisor.Platform.Processes;

/// <summary>
/// At start-up, stops a node (or a pre-upgrade hook) that a killed wemixvisor left running, so that two nodes
/// never share one data dir and no hook of an upgrade still works on the data. The record's pid must still be
/// the same process (same start time): a pid reused by an unrelated process is never touched.
/// </summary>
/// <param name="what">What the record names, for the log: <c>node</c> or <c>pre-upgrade hook</c>.</param>
internal sealed class OrphanNodeReaper(NodeRecordStore records, TimeSpan shutdownGrace, ILogger<OrphanNodeReaper> logger, string what = "node")
{
    /// <summary>How long a SIGKILLed group may take to disappear before it is reported as surviving.</summary>
    public static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Stops the orphan, if any, and removes the record. False only when an orphan survived SIGKILL.</summary>
    public async Task<bool> ReapAsync(CancellationToken cancellationToken = default)
    {
        if (records.Load() is not { } record)
        {
            return true;
        }
        if (!record.IsAlive())
        {
            logger.RecordStale(what, record.Pid);
            records.Remove(record.Pid);
            return true;
        }
        logger.OrphanFound(what, record.Pid);
        // setsid made the node the leader of group = its pid; a node that left its group is signalled alone.
        var target = ProcStat.Read(record.Pid) is { } stat && stat.ProcessGroup == record.Pid ? -record.Pid : record.Pid;
        Send(target, NodeSignal.Terminate);
        if (!await ProcessGroup.WaitUntilAsync(() => !record.IsAlive(), shutdownGrace, cancellationToken).ConfigureAwait(false))
        {
            logger.OrphanKilled(what, record.Pid, shutdownGrace.TotalSeconds);
        }
        // Also after a clean exit of the leader: nothing of its group may survive.
        bool Remains() => target < 0 ? ProcessGroup.HasLiveMembers(record.Pid) : record.IsAlive();
        if (Remains())
        {
            Send(target, NodeSignal.Kill);
        }
        if (!await ProcessGroup.WaitUntilAsync(() => !Remains(), KillTimeout, cancellationToken).ConfigureAwait(false))
        {
            logger.OrphanSurvived(what, record.Pid, KillTimeout.TotalSeconds);
            return false;
        }
        logger.OrphanStopped(what, record.Pid);
        records.Remove(record.Pid);
        return true;
    }

    private static void Send(int target, NodeSignal signal) => Interop.Libc.Kill(target, (int)signal);
}
