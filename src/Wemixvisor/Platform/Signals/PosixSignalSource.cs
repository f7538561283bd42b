using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Ports;

namespace Wemixvisor.Platform.Signals;

/// <summary>
/// SIGTERM, SIGINT, SIGQUIT and SIGHUP sent to wemixvisor, with their default action cancelled so that
/// the supervisor decides (the runtime would otherwise end the process or the host). A hot stream:
/// signals that arrive while nobody listens are lost. Quick repeats of one signal may coalesce.
/// </summary>
internal sealed class PosixSignalSource : ISignalSource, IDisposable
{
    private static readonly (PosixSignal Posix, NodeSignal Node)[] Handled =
    [
        (PosixSignal.SIGTERM, NodeSignal.Terminate),
        (PosixSignal.SIGINT, NodeSignal.Interrupt),
        (PosixSignal.SIGQUIT, NodeSignal.Quit),
        (PosixSignal.SIGHUP, NodeSignal.Hangup),
    ];

    private readonly ISubject<NodeSignal> _signals = Subject.Synchronize(new Subject<NodeSignal>());
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly ILogger<PosixSignalSource> _logger;

    public PosixSignalSource(ILogger<PosixSignalSource> logger)
    {
        _logger = logger;
        foreach (var (posix, node) in Handled)
        {
            _registrations.Add(PosixSignalRegistration.Create(posix, context =>
            {
                context.Cancel = true;
                _logger.SignalReceived(node.ToString());
                _signals.OnNext(node);
            }));
        }
    }

    public IObservable<NodeSignal> Signals => _signals.AsObservable();

    /// <summary>Restores the default actions and completes <see cref="Signals"/>.</summary>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _registrations.Clear();
        _signals.OnCompleted();
    }
}
