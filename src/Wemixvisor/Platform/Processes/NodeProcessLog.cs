using Microsoft.Extensions.Logging;

namespace Wemixvisor.Platform.Processes;

internal static partial class NodeProcessLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Started node {Binary} (current -> {Target}) as pid {Pid} with arguments [{Arguments}]")]
    public static partial void NodeStarted(this ILogger logger, string binary, string target, int pid, string arguments);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Node pid {Pid} ended: {Exit}")]
    public static partial void NodeEnded(this ILogger logger, int pid, string exit);

    // Debug: the supervisor has already said, at info, which signal it sends and why (1005).
    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Sent signal {Signal} to node process group {Pgid}")]
    public static partial void SignalSent(this ILogger logger, string signal, int pgid);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Signal {Signal} not sent: node pid {Pid} has already exited")]
    public static partial void SignalAfterExit(this ILogger logger, string signal, int pid);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Processes of node group {Pgid} outlived the node; killed them (SIGKILL)")]
    public static partial void LeftoversKilled(this ILogger logger, int pgid);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Processes of node group {Pgid} are still there {Seconds} s after SIGKILL")]
    public static partial void LeftoversSurvived(this ILogger logger, int pgid, double seconds);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Cannot record the node in {Path}: {Reason}; an orphaned node could not be found after a crash")]
    public static partial void RecordNotWritten(this ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Cannot remove the node record {Path}: {Reason}")]
    public static partial void RecordNotRemoved(this ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "A {What} left by a previous wemixvisor still runs (pid {Pid}); stopping its process group before anything else")]
    public static partial void OrphanFound(this ILogger logger, string what, int pid);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Warning, Message = "Orphaned {What} pid {Pid} did not stop within {Seconds} s of SIGTERM; sending SIGKILL to its group")]
    public static partial void OrphanKilled(this ILogger logger, string what, int pid, double seconds);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Information, Message = "Orphaned {What} pid {Pid} stopped")]
    public static partial void OrphanStopped(this ILogger logger, string what, int pid);

    [LoggerMessage(EventId = 3023, Level = LogLevel.Error, Message = "Orphaned {What} pid {Pid} is still alive {Seconds} s after SIGKILL")]
    public static partial void OrphanSurvived(this ILogger logger, string what, int pid, double seconds);

    [LoggerMessage(EventId = 3024, Level = LogLevel.Debug, Message = "The {What} record names pid {Pid}, which is gone or is now another process; nothing to stop")]
    public static partial void RecordStale(this ILogger logger, string what, int pid);

    [LoggerMessage(EventId = 3030, Level = LogLevel.Information, Message = "wemixvisor is PID 1: it reaps every orphaned process of its PID namespace")]
    public static partial void ReapingAsInit(this ILogger logger);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Warning, Message = "Cannot become a child subreaper ({Reason}): processes the node daemonizes go to init instead of staying in wemixvisor's care")]
    public static partial void SubreaperRefused(this ILogger logger, string reason);

    [LoggerMessage(EventId = 3032, Level = LogLevel.Debug, Message = "Reaped orphaned process {Pid}")]
    public static partial void OrphanReaped(this ILogger logger, int pid);
}
