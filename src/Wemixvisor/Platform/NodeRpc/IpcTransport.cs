using System.Net.Sockets;
using System.Text.Json;

namespace Wemixvisor.Platform.NodeRpc;

/// <summary>
/// geth-style IPC: a unix domain socket carrying JSON values back to back. Each call opens its own connection,
/// writes one request and reads until one complete JSON value has arrived (no newline is relied on).
/// </summary>
internal sealed class IpcTransport(NodeRpcEndpoint endpoint, int maxAnswerBytes) : IJsonRpcTransport
{
    private readonly string _path = endpoint.SocketPath ?? throw new ArgumentException("not an IPC endpoint", nameof(endpoint));

    public async Task<ReadOnlyMemory<byte>> ExchangeAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        // Checked at every call: the node creates its socket only once it has started.
        if (!Path.Exists(_path))
        {
            throw new NodeRpcTransportException(endpoint.IsDefaultSocket
                ? $"no {NodeRpcEndpoint.Variable} and {_path} does not exist (the node creates it when it has started)"
                : $"{_path} does not exist");
        }
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(SocketAddress(), cancellationToken);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(request, cancellationToken);
        return await ReadOneValueAsync(stream, cancellationToken);
    }

    private UnixDomainSocketEndPoint SocketAddress()
    {
        try
        {
            return new UnixDomainSocketEndPoint(_path);
        }
        catch (ArgumentException e)
        {
            throw new NodeRpcTransportException($"{_path} cannot be used as a socket address: {e.Message}", e);
        }
    }

    private async Task<ReadOnlyMemory<byte>> ReadOneValueAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new AnswerBuffer(maxAnswerBytes);
        var framer = new JsonValueFramer();
        while (true)
        {
            var read = await stream.ReadAsync(buffer.Free(), cancellationToken);
            if (read == 0)
            {
                throw new NodeRpcTransportException(buffer.Length == 0
                    ? "the node closed the connection without answering"
                    : $"the node closed the connection after {buffer.Length} bytes, before the answer was complete");
            }
            buffer.Advance(read);
            int end;
            try
            {
                end = framer.Advance(buffer.Received.Span);
            }
            catch (JsonException e)
            {
                throw new NodeRpcTransportException($"the answer is not JSON: {AnswerText.Excerpt(buffer.Received.Span)}", e);
            }
            if (end >= 0)
            {
                return buffer.Received[..end];
            }
        }
    }
}
