using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Wemixvisor.IntegrationTests.Operations;

/// <summary>Loopback helpers: a free port, a GET that reports the status and body, and webhook receivers.</summary>
internal static class LocalHttp
{
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public static async Task<(int Status, string Body)?> TryGet(HttpClient http, string url)
    {
        try
        {
            using var response = await http.GetAsync(url);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}

/// <summary>An HTTP receiver on 127.0.0.1 that records every POST body and answers with the status it was given.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly int _status;

    public WebhookReceiver(int status = 200)
    {
        _status = status;
        Port = LocalHttp.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hook/secret";

    public ConcurrentQueue<string> Bodies { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            try
            {
                var context = await _listener.GetContextAsync();
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                Bodies.Enqueue(await reader.ReadToEndAsync());
                context.Response.StatusCode = _status;
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
        }
    }

    public void Dispose() => _listener.Close();
}

/// <summary>Accepts connections on 127.0.0.1 and never answers: a webhook that hangs.</summary>
internal sealed class HangingReceiver : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<TcpClient> _held = [];

    public HangingReceiver()
    {
        _listener.Start();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    _held.Add(await _listener.AcceptTcpClientAsync());
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        });
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hook";

    public int Connections => _held.Count;

    public void Dispose()
    {
        _listener.Stop();
        foreach (var client in _held)
        {
            client.Dispose();
        }
    }
}
