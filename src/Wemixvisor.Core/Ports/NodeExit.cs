namespace Wemixvisor.Core.Ports;

/// <summary>How a node process ended: an exit code, or the signal that killed it.</summary>
public sealed record NodeExit(int? ExitCode, int? KilledBySignal)
{
    public static NodeExit Code(int code) => new(code, null);
    public static NodeExit Signal(int signal) => new(null, signal);

    /// <summary>The exit code wemixvisor reports for it: the code itself, or 128+N for signal N.</summary>
    public int ReportedCode => KilledBySignal is { } s ? ExitCodes.KilledBySignal(s) : ExitCode ?? ExitCodes.InternalError;

    public bool Succeeded => ExitCode == 0 && KilledBySignal is null;

    public override string ToString() => KilledBySignal is { } s ? $"killed by signal {s}" : $"exit code {ExitCode}";
}
