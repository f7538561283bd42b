using System.Net;
using System.Text;
using System.Text.Json;
using Wemixvisor.IntegrationTests.Run;

namespace Wemixvisor.IntegrationTests.NodeRpc;

/// <summary>A JSON-RPC node on HTTP at 127.0.0.1 (a free port): each POST gets one <see cref="StubReply"/>.</summary>
internal sealed class HttpStubNode : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<JsonElement, StubReply> _reply;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public HttpStubNode(Func<JsonElement, StubReply> reply)
    {
        _reply = reply;
        Url = $"http://127.0.0.1:{AnvilRpc.FreePort()}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = ServeAsync();
    }

    public string Url { get; }

    private async Task ServeAsync()
    {
        var exchanges = new List<Task>();
        try
        {
            while (true)
            {
                exchanges.Add(AnswerAsync(await _listener.GetContextAsync().WaitAsync(_stop.Token)));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException)
        {
            await Task.WhenAll(exchanges);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            using var request = JsonDocument.Parse(await body.ReadToEndAsync(_stop.Token));
            var reply = _reply(request.RootElement);
            if (reply.Text is null)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }
            context.Response.StatusCode = reply.HttpStatus;
            var bytes = Encoding.UTF8.GetBytes(reply.Text!);
            await context.Response.OutputStream.WriteAsync(bytes, _stop.Token);
            context.Response.Close();
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException)
        {
            context.Response.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _listener.Close();
        _stop.Dispose();
    }
}
