using System.Reactive.Linq;
using System.Reactive.Subjects;
using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Ports;

namespace Wemixvisor.Platform.Signals;

/// <summary>
/// The <see cref="HandledSignals"/> sent to wemixvisor, with their default action cancelled so that the
/// supervisor decides (the runtime would otherwise end the process or the host). A hot stream:
/// signals that arrive while nobody listens are lost. Quick repeats of one signal may coalesce.
/// </summary>
internal sealed class PosixSignalSource : ISignalSource, IDisposable
{
    private readonly ISubject<NodeSignal> _signals = Subject.Synchronize(new Subject<NodeSignal>());
    private readonly IDisposable _registrations;

    public PosixSignalSource(ILogger<PosixSignalSource> logger)
    {
        _registrations = HandledSignals.Register(signal =>
        {
            logger.SignalReceived(signal.ToString());
            _signals.OnNext(signal);
        });
    }

    public IObservable<NodeSignal> Signals => _signals.AsObservable();

    /// <summary>Restores the default actions and completes <see cref="Signals"/>.</summary>
    public void Dispose()
    {
        _registrations.Dispose();
        _signals.OnCompleted();
    }
}
