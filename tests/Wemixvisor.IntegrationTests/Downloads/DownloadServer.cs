using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Wemixvisor.IntegrationTests.Downloads;

/// <summary>Kestrel in-process on 127.0.0.1 (a free port): each path answers with the handler a test gave it, anything else 404.</summary>
internal sealed class DownloadServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Every path requested, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<DownloadServer> StartAsync()
    {
        var server = new DownloadServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(server.Handle);
        await app.StartAsync();
        server._app = app;
        server.BaseUrl = app.Urls.First().TrimEnd('/');
        return server;
    }

    public string Url(string path) => BaseUrl + path;

    public void Serve(string path, byte[] body) => _routes[path] = async context =>
    {
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    };

    public void Status(string path, int status) => _routes[path] = context =>
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    };

    public void Redirect(string path, string location) => _routes[path] = context =>
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    };

    /// <summary>Announces <paramref name="body"/>'s length, sends <paramref name="sent"/> bytes of it, then nothing until the server stops.</summary>
    public void Stall(string path, byte[] body, int sent) => _routes[path] = async context =>
    {
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body.AsMemory(0, sent));
        await context.Response.Body.FlushAsync();
        try
        {
            await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, context.RequestAborted).Token);
        }
        catch (OperationCanceledException)
        {
        }
    };

    /// <summary>Sends <paramref name="body"/> slowly: a chunk, then a pause, until it is all out.</summary>
    public void Slow(string path, byte[] body, int chunk, TimeSpan pause) => _routes[path] = async context =>
    {
        context.Response.ContentLength = body.Length;
        for (var offset = 0; offset < body.Length; offset += chunk)
        {
            await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(chunk, body.Length - offset)), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(pause, context.RequestAborted);
        }
    };

    /// <summary>Sends the body without a length (chunked).</summary>
    public void Chunked(string path, byte[] body) => _routes[path] = async context =>
    {
        await context.Response.Body.WriteAsync(body);
    };

    /// <summary>Answers 503 the first <paramref name="failures"/> times, then <paramref name="body"/>.</summary>
    public void FailFirst(string path, int failures, byte[] body)
    {
        var left = failures;
        _routes[path] = async context =>
        {
            if (Interlocked.Decrement(ref left) >= 0)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body);
        };
    }

    /// <summary>Stops the server; a second call does nothing (a test may stop it early to show nothing more is fetched).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_app is not { } app)
        {
            return;
        }
        _app = null;
        await _stop.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        _stop.Dispose();
    }

    private Task Handle(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        Requests.Enqueue(path);
        if (_routes.TryGetValue(path, out var handler))
        {
            return handler(context);
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
