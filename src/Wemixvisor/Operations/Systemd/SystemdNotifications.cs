using Wemixvisor.Core.Operations;

namespace Wemixvisor.Operations.Systemd;

/// <summary>
/// What systemd is told: <c>READY=1</c> once the node has started, a <c>STATUS=</c> line whenever what is happening
/// changes, and <c>STOPPING=1</c> when a stop was requested or wemixvisor is exiting.
/// </summary>
internal sealed class SystemdNotifications(SystemdNotifier notifier) : IOperationsListener
{
    private bool _ready;
    private bool _stopping;
    private string? _status;

    public void OnNext(OperationsView view, IReadOnlyList<OperationsFact> facts)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(facts);
        if (view.Status != _status)
        {
            _status = view.Status;
            var ready = !_ready && facts.Any(f => f is OperationsFact.NodeUp);
            _ready |= ready;
            notifier.Notify(ready ? $"READY=1\nSTATUS={view.Status}" : $"STATUS={view.Status}");
        }
        if (!_stopping && (view.ExitCode is not null || facts.Any(f => f is OperationsFact.StopRequested)))
        {
            _stopping = true;
            notifier.Notify("STOPPING=1");
        }
    }
}
