using Wemixvisor.Core.Ports;

namespace Wemixvisor.Platform.Hooks;

/// <summary>What a hook's ending means for the upgrade.</summary>
internal static class PreUpgradeProtocol
{
    public const int BinaryNotSupported = 1;
    public const int BinaryFailed = 30;
    public const int BinaryRetry = 31;

    /// <summary>
    /// Cosmovisor's protocol for <c>&lt;binary&gt; pre-upgrade</c>: 0 done, 1 not supported (go on),
    /// 30 failed, 31 run again. Any other code fails too, which is stricter than Cosmovisor.
    /// </summary>
    public static JobOutcome FromBinary(string what, HookResult result) => result switch
    {
        HookResult.Exited { ExitCode: 0 } => new JobOutcome.Succeeded($"{what} exited with code 0"),
        HookResult.Exited { ExitCode: BinaryNotSupported } => new JobOutcome.Skipped($"{what} exited with code 1: not supported by this binary"),
        HookResult.Exited { ExitCode: BinaryFailed } => new JobOutcome.Failed($"{what} exited with code 30: the pre-upgrade failed"),
        HookResult.Exited { ExitCode: BinaryRetry } => new JobOutcome.RetryRequested($"{what} exited with code 31: it asks to be run again"),
        HookResult.Exited exited => new JobOutcome.Failed($"{what} exited with code {exited.ExitCode}, which the pre-upgrade protocol does not define (0 ok, 1 not supported, 30 failed, 31 retry)"),
        HookResult.TimedOut timedOut => TimedOut(what, timedOut),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };

    /// <summary>Scripts succeed with exit code 0; any other code fails the upgrade.</summary>
    public static JobOutcome FromScript(string what, HookResult result) => result switch
    {
        HookResult.Exited { ExitCode: 0 } => new JobOutcome.Succeeded($"{what} exited with code 0"),
        HookResult.Exited exited => new JobOutcome.Failed($"{what} exited with code {exited.ExitCode}"),
        HookResult.TimedOut timedOut => TimedOut(what, timedOut),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };

    private static JobOutcome.Failed TimedOut(string what, HookResult.TimedOut timedOut) =>
        new($"{what} did not finish within {timedOut.Timeout} (DAEMON_PREUPGRADE_TIMEOUT) and was killed with its process group");
}
