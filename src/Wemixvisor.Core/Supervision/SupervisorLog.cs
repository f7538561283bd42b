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

    [LoggerMessage(1110, LogLevel.Information, "Upgrade {Upgrade} at height {Height}: validator slot {Slot} ({SlotDescription}); this node switches at block {SwitchPoint} (head {Head}, {BlocksLeft} blocks to go)")]
    public static partial void SwitchPlanned(this ILogger log, string upgrade, long height, int slot, string slotDescription, long switchPoint, long head, long blocksLeft);

    [LoggerMessage(1111, LogLevel.Information, "Upgrade {Upgrade} at height {Height}: head {Head} reached the switch point {SwitchPoint} of slot {Slot}; switching now")]
    public static partial void SwitchDue(this ILogger log, string upgrade, long height, long head, long? switchPoint, int? slot);

    [LoggerMessage(1112, LogLevel.Warning, "Upgrade {Upgrade} at height {Height}: the chain head has stayed at {Head}, just before the switch point {SwitchPoint} of slot {Slot}; switching now")]
    public static partial void SwitchStalled(this ILogger log, string upgrade, long height, long head, long? switchPoint, int? slot);

    [LoggerMessage(1113, LogLevel.Warning, "Upgrade {Upgrade} at height {Height} is late: the head is already at {Head} (switch point {SwitchPoint}, slot {Slot}); switching now")]
    public static partial void SwitchLate(this ILogger log, string upgrade, long height, long head, long? switchPoint, int? slot);

    [LoggerMessage(1114, LogLevel.Information, "Upgrade {Upgrade} (height {Height}) is ready: {How}")]
    public static partial void UpgradeReady(this ILogger log, string upgrade, long height, string how);

    [LoggerMessage(1115, LogLevel.Error, "Upgrade {Upgrade} (height {Height}): {Problem}")]
    public static partial void UpgradeProblem(this ILogger log, string upgrade, long height, string problem);

    [LoggerMessage(1116, LogLevel.Error, "Cannot record the result {Status} of upgrade {Upgrade} in the schedule: {Reason}")]
    public static partial void ResultNotRecorded(this ILogger log, string upgrade, string status, string reason);

    [LoggerMessage(1121, LogLevel.Error, "Cannot {Action}: {Reason}")]
    public static partial void ProbationNotKept(this ILogger log, string action, string reason);

    [LoggerMessage(1122, LogLevel.Information, "Upgrade {Upgrade} (height {Height}) is no longer in the schedule: it waited for its preflight and is given up; the node goes on as before")]
    public static partial void UpgradeUnscheduled(this ILogger log, string upgrade, long height);

    [LoggerMessage(1117, LogLevel.Warning, "The node RPC does not answer ({Reason}); a height-scheduled upgrade waits until it does")]
    public static partial void ChainUnavailable(this ILogger log, string reason);

    [LoggerMessage(1118, LogLevel.Information, "The node RPC answers again: head {Head}")]
    public static partial void ChainAvailable(this ILogger log, long head);

    [LoggerMessage(1119, LogLevel.Warning, "The chain head went back from {From} to {To}; following it")]
    public static partial void ChainRewound(this ILogger log, long from, long to);

    [LoggerMessage(1120, LogLevel.Error, "The schedule file is invalid and is ignored until it changes; the last valid schedule stays in force: {Reason}")]
    public static partial void ScheduleInvalid(this ILogger log, string reason);
}
