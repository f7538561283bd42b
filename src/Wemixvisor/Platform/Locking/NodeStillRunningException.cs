namespace Wemixvisor.Platform.Locking;

/// <summary>The node a killed wemixvisor started for this home still runs (process <see cref="Pid"/>, the leader of its group).</summary>
internal sealed class NodeStillRunningException(int pid) : Exception($"the node (pid {pid}) started by an earlier wemixvisor still runs")
{
    public int Pid { get; } = pid;
}
