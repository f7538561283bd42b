using Wemixvisor.Core.Supervision;

namespace Wemixvisor.Core.Sources;

/// <summary>
/// Something outside the supervisor that has events for it: the trigger file, signals, the chain…
/// A source sees the supervisor's state as it changes, so it can work only while it matters (poll the
/// chain only while an upgrade waits for a height, for example).
/// </summary>
public interface IEventSource
{
    /// <summary>
    /// The events for the supervisor. <paramref name="states"/> emits the current state when subscribed,
    /// then every new state as it is decided, on the loop scheduler. Subscribed once per run, unsubscribed
    /// when the run ends.
    /// </summary>
    IObservable<SupervisorEvent> Events(IObservable<SupervisorState> states);
}
