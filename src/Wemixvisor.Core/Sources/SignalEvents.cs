using System.Reactive.Linq;
using Wemixvisor.Core.Ports;
using Wemixvisor.Core.Supervision;

namespace Wemixvisor.Core.Sources;

/// <summary>The signals wemixvisor receives (and stop requests given as signals), as <see cref="SupervisorEvent.SignalReceived"/>.</summary>
public sealed class SignalEvents(IObservable<NodeSignal> signals) : IEventSource
{
    public IObservable<SupervisorEvent> Events(IObservable<SupervisorState> states) =>
        signals.Select(signal => (SupervisorEvent)new SupervisorEvent.SignalReceived(signal));
}
