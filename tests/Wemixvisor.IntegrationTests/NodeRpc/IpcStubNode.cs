using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Wemixvisor.IntegrationTests.NodeRpc;

/// <summary>
/// A JSON-RPC node on a unix socket: each connection gets one request read and one <see cref="StubReply"/>, with no
/// newline after it, and stays open until the client closes it, so only the JSON itself can tell the answer's end.
/// </summary>
internal sealed class IpcStubNode : IAsyncDisposable
{
    private static readonly TimeSpan PieceGap = TimeSpan.FromMilliseconds(30);
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly Func<JsonElement, StubReply> _reply;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<JsonElement> _requests = [];
    private readonly Task _accepting;

    public IpcStubNode(string socketPath, Func<JsonElement, StubReply> reply)
    {
        SocketPath = socketPath;
        _reply = reply;
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen();
        _accepting = AcceptAsync();
    }

    public string SocketPath { get; }

    public IReadOnlyList<JsonElement> Requests { get { lock (_requests) { return [.. _requests]; } } }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                connections.Add(ServeAsync(await _listener.AcceptAsync(_stop.Token)));
            }
        }
        catch (OperationCanceledException)
        {
            await Task.WhenAll(connections);
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        using var _ = connection;
        try
        {
            var request = await ReadRequestAsync(connection);
            lock (_requests)
            {
                _requests.Add(request);
            }
            var reply = _reply(request);
            if (reply.HangUp)
            {
                return;
            }
            if (reply.Text is { } text)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                var size = (bytes.Length + reply.Pieces - 1) / reply.Pieces;
                for (var offset = 0; offset < bytes.Length; offset += size)
                {
                    if (offset > 0)
                    {
                        await Task.Delay(PieceGap, _stop.Token);
                    }
                    await connection.SendAsync(bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset)), _stop.Token);
                }
            }
            // Held open until the client closes its end (a read of 0) or the stub stops.
            await connection.ReceiveAsync(new byte[1], _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            // The stub stopped or the client went away.
        }
    }

    private async Task<JsonElement> ReadRequestAsync(Socket connection)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (true)
        {
            var read = await connection.ReceiveAsync(buffer, _stop.Token);
            if (read == 0)
            {
                throw new SocketException((int)SocketError.ConnectionReset);
            }
            received.AddRange(buffer.AsSpan(0, read));
            try
            {
                using var document = JsonDocument.Parse(received.ToArray());
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                // Not all of it yet.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _accepting;
        _listener.Dispose();
        _stop.Dispose();
        File.Delete(SocketPath);
    }
}
