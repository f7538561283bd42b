using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Prometheus;
using Wemixvisor.Core.Net;
using Wemixvisor.Core.Operations;

namespace Wemixvisor.Operations.Metrics;

/// <summary>
/// Serves <c>/metrics</c> (Prometheus text format, written by prometheus-net), <c>/healthz</c> and <c>/readyz</c> on
/// the thread pool, beside the supervisor: every answer is made from the latest published view, never by asking the loop.
/// </summary>
internal sealed class OperationsHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CollectorRegistry _registry;
    private readonly Func<OperationsView> _view;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();

    private OperationsHttpServer(ListenAddress address, CollectorRegistry registry, Func<OperationsView> view, ILogger log)
    {
        Address = address;
        _registry = registry;
        _view = view;
        _log = log;
        _listener.Prefixes.Add($"http://{address.UrlHost}:{address.Port}/");
        _listener.IgnoreWriteExceptions = true;
    }

    public ListenAddress Address { get; }

    /// <exception cref="HttpListenerException">The address cannot be listened on (the port is in use, or the address is not this host's).</exception>
    public static OperationsHttpServer Start(ListenAddress address, CollectorRegistry registry, Func<OperationsView> view, ILogger log)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = new OperationsHttpServer(address, registry, view, log);
            try
            {
                server._listener.Start();
                _ = Task.Run(server.ServeAsync);
                return server;
            }
            catch (ArgumentNullException) when (attempt < StartAttempts)
            {
                // The managed HttpListener fails this way when a client connects in the instant between its listen(2) and
                // its first accept (the accepted connection meets a set that does not exist yet). Its half-built
                // endpoint keeps the port until its socket is finalized; then a new listener can bind it again.
                server.Dispose();
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
            catch
            {
                server.Dispose();
                throw;
            }
        }
    }

    private const int StartAttempts = 5;

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            switch (context.Request.Url?.AbsolutePath)
            {
                case "/metrics":
                    response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                    await _registry.CollectAndExportAsTextAsync(response.OutputStream, _stop.Token).ConfigureAwait(false);
                    break;
                case "/healthz":
                    await WriteAsync(response, HealthReport.Health(_view())).ConfigureAwait(false);
                    break;
                case "/readyz":
                    await WriteAsync(response, HealthReport.Readiness(_view())).ConfigureAwait(false);
                    break;
                default:
                    response.StatusCode = (int)HttpStatusCode.NotFound;
                    break;
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            _log.ScrapeFailed(context.Request.Url?.AbsolutePath ?? "", e.Message);
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The client went away; nothing is owed to it.
            }
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, HealthReport report)
    {
        response.StatusCode = report.Ok ? (int)HttpStatusCode.OK : (int)HttpStatusCode.ServiceUnavailable;
        response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(response.OutputStream, report, HealthReportJson.Default.HealthReport).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _listener.Close();
        }
        catch (ObjectDisposedException)
        {
            // Closed already.
        }
        _stop.Dispose();
    }
}

internal static partial class OperationsHttpLog
{
    [LoggerMessage(5001, LogLevel.Debug, "Answering {Path} failed: {Reason}")]
    public static partial void ScrapeFailed(this ILogger log, string path, string reason);
}
