namespace Wemixvisor.Status;

/// <summary>The wemixvisor holding the instance lock: its pid, how long it has run, and what its <c>run-status.json</c> says (null when it is not a <c>run</c>, or wrote none).</summary>
internal sealed record InstanceStatus(int Pid, TimeSpan? Uptime, RunStatus? Run);
