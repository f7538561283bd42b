using System.Reactive.Disposables;
using System.Runtime.InteropServices;
using Wemixvisor.Core.Ports;

namespace Wemixvisor.Platform.Signals;

/// <summary>
/// The one table of the signals wemixvisor handles itself — TERM, INT, QUIT and HUP — each with the
/// <see cref="NodeSignal"/> it stands for, whose value is its Linux number.
/// </summary>
internal static class HandledSignals
{
    public static readonly IReadOnlyList<(PosixSignal Posix, NodeSignal Node)> All =
    [
        (PosixSignal.SIGTERM, NodeSignal.Terminate),
        (PosixSignal.SIGINT, NodeSignal.Interrupt),
        (PosixSignal.SIGQUIT, NodeSignal.Quit),
        (PosixSignal.SIGHUP, NodeSignal.Hangup),
    ];

    /// <summary>
    /// Hands every handled signal to <paramref name="received"/> with its default action cancelled, so that the
    /// runtime neither ends the process nor stops the host. Disposing restores the default actions.
    /// </summary>
    public static IDisposable Register(Action<NodeSignal> received)
    {
        ArgumentNullException.ThrowIfNull(received);
        var registrations = new CompositeDisposable();
        foreach (var (posix, node) in All)
        {
            registrations.Add(PosixSignalRegistration.Create(posix, context =>
            {
                context.Cancel = true;
                received(node);
            }));
        }
        return registrations;
    }
}
