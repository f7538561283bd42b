namespace Wemixvisor.Core.Ports;

/// <summary>Starts the node binary <c>current/bin/$DAEMON_NAME</c> (resolved at each launch) with the node arguments.</summary>
public interface INodeLauncher
{
    /// <summary>Launches the node in its own process group. Throws <see cref="NodeLaunchException"/> when it cannot be started.</summary>
    INodeProcess Launch();
}

/// <summary>One running node process (the leader of its process group).</summary>
public interface INodeProcess
{
    int Pid { get; }

    /// <summary>Emits the exit once, then completes.</summary>
    IObservable<NodeExit> Exited { get; }

    /// <summary>Sends <paramref name="signal"/> to the node's whole process group; a no-op once it has exited.</summary>
    void Signal(NodeSignal signal);
}

public sealed class NodeLaunchException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Signals by their Linux numbers.</summary>
public enum NodeSignal
{
    Hangup = 1,
    Interrupt = 2,
    Quit = 3,
    Kill = 9,
    Terminate = 15,
}

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
