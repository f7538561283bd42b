using static Wemixvisor.Core.Supervision.SupervisorEvent;

namespace Wemixvisor.Core.Supervision;

/// <summary>What a run has done so far, as a fold over its transitions.</summary>
/// <param name="NodeStarts">Every node start the supervisor asked for.</param>
/// <param name="Restarts">Node starts after a failed run (the backoff restarts); starts after an upgrade are not counted.</param>
/// <param name="Upgrades">Upgrades switched to.</param>
public sealed record RunCounters(int NodeStarts, int Restarts, int Upgrades)
{
    public static readonly RunCounters Zero = new(0, 0, 0);

    /// <summary>The counters after <paramref name="transition"/>; an ignored event changes nothing.</summary>
    public static RunCounters Next(RunCounters counters, Transition transition)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(transition);
        if (transition.Decision.Ignored)
        {
            return counters;
        }
        var startsNode = transition.Decision.Commands.Any(command => command is SupervisorCommand.StartNode);
        var restarts = startsNode && transition.From.Phase is SupervisorPhase.BackingOff;
        var switched = transition.Event is Switched;
        return startsNode || switched
            ? new RunCounters(
                counters.NodeStarts + (startsNode ? 1 : 0),
                counters.Restarts + (restarts ? 1 : 0),
                counters.Upgrades + (switched ? 1 : 0))
            : counters;
    }
}
