using System.Runtime.InteropServices;
using Wemixvisor.Core;

namespace Wemixvisor.Cli;

/// <summary>
/// Turns SIGINT, SIGTERM, SIGQUIT and SIGHUP into a cancelled token for a long command (a backup or a restore), so
/// that it stops at its next safe point and cleans up instead of being killed halfway.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private static readonly (PosixSignal Signal, int Number)[] Handled =
    [
        (PosixSignal.SIGINT, 2),
        (PosixSignal.SIGTERM, 15),
        (PosixSignal.SIGQUIT, 3),
        (PosixSignal.SIGHUP, 1),
    ];

    private readonly CancellationTokenSource _cancellation = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _received;

    public StopSignals()
    {
        foreach (var (signal, number) in Handled)
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                Interlocked.CompareExchange(ref _received, number, 0);
                _cancellation.Cancel();
            }));
        }
    }

    public CancellationToken Token => _cancellation.Token;

    /// <summary>128 + the first signal received, as a shell reports a process ended by it.</summary>
    public int ExitCode => ExitCodes.KilledBySignal(Volatile.Read(ref _received) is > 0 and var number ? number : 2);

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _cancellation.Dispose();
    }
}
