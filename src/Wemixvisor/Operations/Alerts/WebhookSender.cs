using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Wemixvisor.Operations.Alerts;

/// <summary>
/// Delivers alerts to one webhook, in order, on a task of its own: each POST is bounded by a timeout and retried a
/// few times with pauses; the queue holds at most <see cref="AlertDelivery.QueueLimit"/> alerts and drops the oldest
/// beyond that. <see cref="Enqueue"/> never waits, so a dead or slow endpoint never delays supervision.
/// Every alert that is given up is logged.
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    private readonly Uri _url;
    private readonly HttpClient _http;
    private readonly AlertDelivery _delivery;
    private readonly ILogger _log;
    private readonly Channel<AlertMessage> _queue;
    private readonly CancellationTokenSource _abandon = new();
    private readonly Task _worker;

    public WebhookSender(Uri url, HttpClient http, AlertDelivery delivery, ILogger log)
    {
        _url = url;
        _http = http;
        _delivery = delivery;
        _log = log;
        _queue = Channel.CreateBounded<AlertMessage>(
            new BoundedChannelOptions(AlertDelivery.QueueLimit) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => _log.AlertDropped(dropped.Event, Shown(_url), AlertDelivery.QueueLimit));
        _worker = Task.Run(DeliverAllAsync);
    }

    public void Enqueue(AlertMessage message)
    {
        if (!_queue.Writer.TryWrite(message))
        {
            _log.AlertNotSent(message.Event, Shown(_url), "wemixvisor is exiting");
        }
    }

    /// <summary>Stops taking alerts and waits at most <paramref name="limit"/> for the queued ones; what is left is logged as unsent.</summary>
    public async Task FlushAsync(TimeSpan limit)
    {
        _queue.Writer.TryComplete();
        if (await Task.WhenAny(_worker, Task.Delay(limit)).ConfigureAwait(false) != _worker)
        {
            await _abandon.CancelAsync().ConfigureAwait(false);
            await _worker.ConfigureAwait(false);
        }
    }

    private async Task DeliverAllAsync()
    {
        await foreach (var message in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await DeliverAsync(message).ConfigureAwait(false);
        }
    }

    private async Task DeliverAsync(AlertMessage message)
    {
        var reason = "";
        for (var attempt = 1; attempt <= _delivery.Attempts; attempt++)
        {
            if (_abandon.IsCancellationRequested)
            {
                _log.AlertNotSent(message.Event, Shown(_url), $"wemixvisor exited before it could be delivered ({reason})");
                return;
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_abandon.Token);
            timeout.CancelAfter(_delivery.Timeout);
            try
            {
                using var response = await _http.PostAsJsonAsync(_url, message, AlertMessageJson.Default.AlertMessage, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    _log.AlertSent(message.Event, Shown(_url));
                    return;
                }
                reason = $"HTTP {(int)response.StatusCode}";
            }
            catch (OperationCanceledException) when (!_abandon.IsCancellationRequested)
            {
                reason = $"no answer within {_delivery.Timeout.TotalSeconds:0.#} s";
            }
            catch (OperationCanceledException)
            {
                reason = "abandoned";
            }
            catch (HttpRequestException e)
            {
                reason = e.Message;
            }
            if (attempt < _delivery.Attempts)
            {
                try
                {
                    await Task.Delay(_delivery.PauseBefore(attempt + 1), _abandon.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Exiting: the next turn logs the alert as unsent.
                }
            }
        }
        _log.AlertNotSent(message.Event, Shown(_url), $"{_delivery.Attempts} attempts failed, the last: {reason}");
    }

    /// <summary>The URL without its path, query and credentials (a Slack or Discord URL carries its secret in the path).</summary>
    public static string Shown(Uri url) => url.GetLeftPart(UriPartial.Authority).Replace(url.UserInfo + "@", "", StringComparison.Ordinal);

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _abandon.Cancel();
        _abandon.Dispose();
    }
}

/// <summary>How hard an alert is tried: attempts, the timeout of each, the pauses between them (1 s, 2 s, 4 s …).</summary>
internal sealed record AlertDelivery(int Attempts, TimeSpan Timeout, TimeSpan FirstPause)
{
    public const int QueueLimit = 100;

    public static readonly AlertDelivery Default = new(Attempts: 3, Timeout: TimeSpan.FromSeconds(5), FirstPause: TimeSpan.FromSeconds(1));

    /// <summary>How long all queued alerts may still take once wemixvisor exits.</summary>
    public static readonly TimeSpan FlushLimit = TimeSpan.FromSeconds(5);

    public TimeSpan PauseBefore(int attempt) => FirstPause * Math.Pow(2, attempt - 2);
}

internal static partial class AlertLog
{
    [LoggerMessage(5200, LogLevel.Debug, "Alert {Event} sent to {Url}")]
    public static partial void AlertSent(this ILogger log, string @event, string url);

    [LoggerMessage(5201, LogLevel.Warning, "Alert {Event} not sent to {Url}: {Reason}")]
    public static partial void AlertNotSent(this ILogger log, string @event, string url, string reason);

    [LoggerMessage(5202, LogLevel.Warning, "Alert {Event} for {Url} dropped: more than {Limit} alerts were waiting for it")]
    public static partial void AlertDropped(this ILogger log, string @event, string url, int limit);
}
