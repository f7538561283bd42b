namespace Wemixvisor.Core.Supervision;

/// <summary>A node process as the supervisor knows it: pid and start time arrive with <see cref="SupervisorEvent.NodeStarted"/>.</summary>
public sealed record NodeRun(int? Pid, DateTimeOffset? Since)
{
    public static readonly NodeRun Launched = new(null, null);

    /// <summary>True when the exit belongs to this run (a run whose pid is not known yet accepts any).</summary>
    public bool Owns(int pid) => Pid is null || Pid == pid;
}
