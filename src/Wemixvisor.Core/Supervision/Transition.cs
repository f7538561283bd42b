namespace Wemixvisor.Core.Supervision;

/// <summary>One decided event: when, what, the state before, the decision and the state after.</summary>
public sealed record Transition(DateTimeOffset At, SupervisorEvent Event, SupervisorState From, Decision Decision)
{
    public SupervisorState To => Decision.State;
}
