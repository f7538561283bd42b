using System.Reactive.Concurrency;

namespace Wemixvisor.Core.Supervision;

/// <summary>
/// <paramref name="Loop"/>: the one serial lane events are decided on, and every timer.
/// <paramref name="Work"/>: where blocking checks run so that the lane stays free for signals.
/// Tests give one <c>TestScheduler</c> to both.
/// </summary>
public sealed record SupervisorSchedulers(IScheduler Loop, IScheduler Work);
