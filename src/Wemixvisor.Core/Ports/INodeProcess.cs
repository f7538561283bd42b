namespace Wemixvisor.Core.Ports;

/// <summary>One running node process (the leader of its process group).</summary>
public interface INodeProcess
{
    int Pid { get; }

    /// <summary>Emits the exit once, then completes.</summary>
    IObservable<NodeExit> Exited { get; }

    /// <summary>Sends <paramref name="signal"/> to the node's whole process group; a no-op once it has exited.</summary>
    void Signal(NodeSignal signal);
}
