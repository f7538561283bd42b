using System.Net;
using System.Reactive.Concurrency;
using Microsoft.Extensions.Logging;
using Wemixvisor.Cli;
using Wemixvisor.Core.Configuration;
using Wemixvisor.Core.Net;
using Wemixvisor.Operations.Alerts;
using Wemixvisor.Operations.Metrics;
using Wemixvisor.Operations.Systemd;

namespace Wemixvisor.Operations;

/// <summary>
/// What <c>run</c> offers the tools around it, each only when asked for: the metrics and health endpoints
/// (<c>WEMIXVISOR_METRICS_ADDR</c>), systemd notifications and watchdog (<c>NOTIFY_SOCKET</c>, <c>WATCHDOG_USEC</c>) and
/// webhook alerts (<c>WEMIXVISOR_WEBHOOK_URL</c>). All of them watch the supervisor through one <see cref="OperationsMonitor"/>.
/// </summary>
internal sealed class OperationsServices : IDisposable
{
    private readonly OperationsHttpServer? _server;
    private readonly SystemdNotifier? _notifier;
    private readonly IReadOnlyList<WebhookSender> _senders;
    private readonly HttpClient? _http;
    private readonly ILogger _log;

    private OperationsServices(OperationsMonitor monitor, OperationsHttpServer? server, SystemdNotifier? notifier, IReadOnlyList<WebhookSender> senders, HttpClient? http, ILogger log)
    {
        Monitor = monitor;
        _server = server;
        _notifier = notifier;
        _senders = senders;
        _http = http;
        _log = log;
    }

    public OperationsMonitor Monitor { get; }

    /// <summary>Starts what the options and the environment ask for; null with <paramref name="problem"/> when the metrics address cannot be used.</summary>
    public static OperationsServices? Start(WemixvisorOptions options, ILoggerFactory loggers, AlertDelivery delivery, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var log = loggers.CreateLogger<OperationsServices>();
        problem = null;
        ListenAddress? address = null;
        if (options.MetricsAddr is { } text)
        {
            if (!ListenAddress.TryParse(text, out address, out var error))
            {
                problem = $"{Settings.MetricsAddr.Variable}={text} {error}";
                return null;
            }
            if (!address.IsLoopback && !options.MetricsAllowRemote)
            {
                problem = $"{Settings.MetricsAddr.Variable}={text} is not a loopback address; set {Settings.MetricsAllowRemote.Variable}=true to serve metrics and health to other hosts";
                return null;
            }
        }

        var listeners = new List<IOperationsListener>();
        OperationsMonitor? monitor = null;
        var build = BuildInfo.Current;
        WemixvisorMetrics? metrics = null;
        if (address is not null)
        {
            metrics = new WemixvisorMetrics(() => monitor!.View, build);
            listeners.Add(metrics);
        }
        var notifier = SystemdNotifier.FromEnvironment(loggers.CreateLogger<SystemdNotifier>());
        if (notifier is not null)
        {
            listeners.Add(new SystemdNotifications(notifier));
        }
        var urls = options.WebhookUrl?.Split(',') ?? [];
        HttpClient? http = null;
        var senders = new List<WebhookSender>();
        if (urls.Length > 0)
        {
            http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
            var alertLog = loggers.CreateLogger<WebhookSender>();
            senders.AddRange(urls.Select(url => new WebhookSender(new Uri(url), http, delivery, alertLog)));
            listeners.Add(new WebhookAlerts(new AlertComposer(Environment.MachineName, options.Name, build.Version), senders));
        }
        monitor = new OperationsMonitor(listeners, TimeProvider.System);

        OperationsHttpServer? server = null;
        if (address is not null)
        {
            try
            {
                server = OperationsHttpServer.Start(address, metrics!.Registry, () => monitor.View, loggers.CreateLogger<OperationsHttpServer>());
                log.ServingMetrics($"http://{address}");
            }
            catch (HttpListenerException e)
            {
                problem = $"{Settings.MetricsAddr.Variable}={options.MetricsAddr}: cannot listen there: {e.Message}";
                new OperationsServices(monitor, null, notifier, senders, http, log).Dispose();
                return null;
            }
        }
        return new OperationsServices(monitor, server, notifier, senders, http, log);
    }

    /// <summary>Feeds systemd's watchdog from <paramref name="loop"/> when systemd asked for it.</summary>
    public IDisposable StartWatchdog(IScheduler loop)
    {
        var interval = _notifier is null ? null : SystemdWatchdog.Interval(Environment.GetEnvironmentVariable, Environment.ProcessId);
        if (interval is { } every)
        {
            _log.WatchdogOn(every);
        }
        return SystemdWatchdog.Start(interval, loop, message => _notifier!.Notify(message));
    }

    /// <summary>Waits a little (at most <see cref="AlertDelivery.FlushLimit"/>) for the alerts still queued.</summary>
    public Task FlushAsync() => Task.WhenAll(_senders.Select(sender => sender.FlushAsync(AlertDelivery.FlushLimit)));

    public void Dispose()
    {
        _server?.Dispose();
        _notifier?.Dispose();
        foreach (var sender in _senders)
        {
            sender.Dispose();
        }
        _http?.Dispose();
    }
}

internal static partial class OperationsLog
{
    [LoggerMessage(5000, LogLevel.Information, "Serving /metrics, /healthz and /readyz on {Url}")]
    public static partial void ServingMetrics(this ILogger log, string url);

    [LoggerMessage(5002, LogLevel.Error, "{Problem}")]
    public static partial void OperationsUnusable(this ILogger log, string problem);
}
