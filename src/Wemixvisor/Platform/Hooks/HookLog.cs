using Microsoft.Extensions.Logging;

namespace Wemixvisor.Platform.Hooks;

/// <summary>Pre-upgrade hook log messages, EventIds 4100-4199.</summary>
internal static partial class HookLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Running {Hook}: {Program} {Arguments} (pid {Pid}, timeout {TimeoutSeconds} s)")]
    public static partial void HookStarted(this ILogger logger, string hook, string program, string arguments, int pid, double timeoutSeconds);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "[{Hook}] {Line}")]
    public static partial void HookOutput(this ILogger logger, string hook, string line);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "[{Hook}] stderr: {Line}")]
    public static partial void HookError(this ILogger logger, string hook, string line);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "{Hook} exited with code {ExitCode} after {Seconds:F1} s")]
    public static partial void HookExited(this ILogger logger, string hook, int exitCode, double seconds);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Error, Message = "{Hook} still ran after its timeout of {TimeoutSeconds} s (DAEMON_PREUPGRADE_TIMEOUT); stopping its process group")]
    public static partial void HookTimedOut(this ILogger logger, string hook, double timeoutSeconds);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "{Hook} left processes behind in its group {Pgid}; stopping them")]
    public static partial void HookLeftProcesses(this ILogger logger, string hook, int pgid);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning, Message = "Process group {Pgid} of {Hook} ignored SIGTERM for {GraceSeconds} s; sending SIGKILL")]
    public static partial void HookKilled(this ILogger logger, string hook, int pgid, double graceSeconds);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "Output of {Hook} is still held open by a process outside its group; no longer reading it")]
    public static partial void HookOutputAbandoned(this ILogger logger, string hook);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Warning, Message = "Cannot keep the record {Path} of the running hook: {Reason}; a hook left running by a crash could not be found")]
    public static partial void HookRecordNotWritten(this ILogger logger, string path, string reason);
}
