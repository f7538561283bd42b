using Wemixvisor.Core;
using Wemixvisor.Core.Ports;

namespace Wemixvisor.Platform.Signals;

/// <summary>
/// Turns the <see cref="HandledSignals"/> into a cancelled token for a long command (a backup or a restore), so
/// that it stops at its next safe point and cleans up instead of being killed halfway.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly IDisposable _registrations;
    private int _received;

    public StopSignals()
    {
        _registrations = HandledSignals.Register(signal =>
        {
            Interlocked.CompareExchange(ref _received, (int)signal, 0);
            _cancellation.Cancel();
        });
    }

    public CancellationToken Token => _cancellation.Token;

    /// <summary>128 + the first signal received, as a shell reports a process ended by it.</summary>
    public int ExitCode => ExitCodes.KilledBySignal(Volatile.Read(ref _received) is > 0 and var number ? number : (int)NodeSignal.Interrupt);

    public void Dispose()
    {
        _registrations.Dispose();
        _cancellation.Dispose();
    }
}
