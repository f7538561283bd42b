using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Core.Supervision;

/// <summary>
/// The whole state of the supervisor: where it is (<see cref="Phase"/>) and what it carries across phases.
/// </summary>
/// <param name="Applied">The upgrade the running version was switched to.</param>
/// <param name="Failures">Failed node runs in a row; reset by a run that stayed up long enough and by an upgrade.</param>
/// <param name="Timers">How many timers were started, to give each a new <see cref="TimerId"/>.</param>
public sealed record SupervisorState(SupervisorPhase Phase, AppliedUpgrade Applied, int Failures, long Timers)
{
    public static SupervisorState Initial(AppliedUpgrade applied) => new(new SupervisorPhase.Booting(), applied, 0, 0);

    public TimerId NextTimer => new(Timers + 1);

    public SupervisorState With(SupervisorPhase phase) => this with { Phase = phase };
}
