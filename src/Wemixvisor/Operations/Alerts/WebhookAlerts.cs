using Wemixvisor.Core.Operations;

namespace Wemixvisor.Operations.Alerts;

/// <summary>Composes an alert for each fact that makes one and queues it for every webhook; returns at once.</summary>
internal sealed class WebhookAlerts(AlertComposer composer, IReadOnlyList<WebhookSender> senders) : IOperationsListener
{
    public void OnNext(OperationsView view, IReadOnlyList<OperationsFact> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        foreach (var fact in facts)
        {
            if (composer.Compose(fact) is { } message)
            {
                foreach (var sender in senders)
                {
                    sender.Enqueue(message);
                }
            }
        }
    }
}
