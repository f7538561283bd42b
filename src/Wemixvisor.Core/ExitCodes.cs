namespace Wemixvisor.Core;

/// <summary>The documented exit codes. Besides these, wemixvisor exits with the node's own code when it ends because the node did.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int InternalError = 1;
    public const int InvalidConfiguration = 2;
    public const int UpgradeFailed = 3;
    public const int AlreadyRunning = 4;

    /// <summary>The code reported for a node that was killed by signal <paramref name="signal"/>.</summary>
    public static int KilledBySignal(int signal) => 128 + signal;

    /// <summary>The code used when the node binary could not be executed at all (as a shell reports it).</summary>
    public const int NodeCannotExecute = 127;
}
