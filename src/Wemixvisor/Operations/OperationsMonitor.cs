using Wemixvisor.Core;
using Wemixvisor.Core.Operations;
using Wemixvisor.Core.Supervision;

namespace Wemixvisor.Operations;

/// <summary>
/// Watches the supervisor's transitions, folds them into the latest <see cref="OperationsView"/> (published for the
/// metrics and health endpoints, which read it from other threads) and tells the listeners (systemd, alerts, the
/// duration histogram). Everything it does returns at once: it never delays the loop.
/// </summary>
internal sealed class OperationsMonitor(IReadOnlyList<IOperationsListener> listeners, TimeProvider clock) : IObserver<Transition>
{
    private OperationsView _view = OperationsView.Initial;

    /// <summary>The view after the latest transition; safe to read from any thread.</summary>
    public OperationsView View => Volatile.Read(ref _view);

    public void OnNext(Transition value)
    {
        var (view, facts) = OperationsFold.Next(_view, value);
        Publish(view, facts);
    }

    /// <summary>The pipeline failed: wemixvisor ends with an internal error.</summary>
    public void OnError(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var view = _view with { ExitCode = ExitCodes.InternalError, Healthy = false, Status = "failed", NotReady = "failed" };
        Publish(view, [new OperationsFact.AbnormalExit(clock.GetUtcNow(), _view.Current, ExitCodes.InternalError, $"internal error: {error.Message}")]);
    }

    public void OnCompleted()
    {
    }

    private void Publish(OperationsView view, IReadOnlyList<OperationsFact> facts)
    {
        Volatile.Write(ref _view, view);
        foreach (var listener in listeners)
        {
            listener.OnNext(view, facts);
        }
    }
}
