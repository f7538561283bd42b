using Microsoft.Extensions.Logging;

namespace Wemixvisor.Core.Supervision;

internal static partial class SupervisorLog
{
    [LoggerMessage(1000, LogLevel.Information, "{From} -> {To} on {Event}: {Details}")]
    public static partial void Transition(this ILogger log, string from, string to, string @event, string details);

    [LoggerMessage(1001, LogLevel.Debug, "{Event} ignored in {Phase}: {Reason}")]
    public static partial void Ignored(this ILogger log, string @event, string phase, string reason);

    [LoggerMessage(1002, LogLevel.Error, "Upgrade {Upgrade} (height {Height}) cannot proceed yet: {Problem}. The check is repeated until it passes.")]
    public static partial void UpgradeBlocked(this ILogger log, string upgrade, long height, string problem);

    [LoggerMessage(1003, LogLevel.Information, "Exiting with code {ExitCode}: {Reason}")]
    public static partial void Exiting(this ILogger log, int exitCode, string reason);

    [LoggerMessage(1004, LogLevel.Warning, "Received SIGHUP; it is not forwarded to the node (geth-style nodes exit on it without flushing) and supervision continues")]
    public static partial void HangupIgnored(this ILogger log);

    [LoggerMessage(1005, LogLevel.Information, "Sending {Signal} ({SignalNumber}) to the node's process group {Pid}")]
    public static partial void SignallingNode(this ILogger log, string signal, int signalNumber, int pid);

    [LoggerMessage(1006, LogLevel.Debug, "Node started with pid {Pid}")]
    public static partial void NodeLaunched(this ILogger log, int pid);

    [LoggerMessage(1007, LogLevel.Information, "Waiting {Delay} for {Purpose}")]
    public static partial void Waiting(this ILogger log, TimeSpan delay, string purpose);

    /// <summary>A transition that changes nothing an operator follows; see <see cref="TransitionLog"/>.</summary>
    [LoggerMessage(1008, LogLevel.Debug, "{From} -> {To} on {Event}: {Details}")]
    public static partial void RoutineTransition(this ILogger log, string from, string to, string @event, string details);

    [LoggerMessage(1100, LogLevel.Error, "The trigger file is invalid and is ignored until it changes: {Reason}")]
    public static partial void TriggerInvalid(this ILogger log, string reason);

    [LoggerMessage(1101, LogLevel.Warning, "The trigger file has stayed incomplete for {Looks} looks: {Reason}")]
    public static partial void TriggerIncomplete(this ILogger log, int looks, string reason);

    [LoggerMessage(1102, LogLevel.Information, "Upgrade {Upgrade} at height {Height} is pending (applied: {Applied})")]
    public static partial void UpgradePending(this ILogger log, string upgrade, long height, string applied);

    [LoggerMessage(1009, LogLevel.Information, "The node stopped {Elapsed} after the first signal ({Exit})")]
    public static partial void NodeStopped(this ILogger log, TimeSpan elapsed, string exit);

    [LoggerMessage(1010, LogLevel.Warning, "The node is still running {Elapsed} after the first signal; escalating to {Signal}")]
    public static partial void Escalating(this ILogger log, string signal, TimeSpan elapsed);
}
