namespace Wemixvisor.Platform.NodeRpc;

/// <summary>Carries one JSON-RPC request to the node and brings back the bytes of its answer.</summary>
internal interface IJsonRpcTransport
{
    /// <summary>
    /// Sends <paramref name="request"/> and returns the bytes of one complete JSON value. Throws
    /// <see cref="NodeRpcTransportException"/>, or the socket, I/O or HTTP exception that stopped it, and
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires.
    /// </summary>
    Task<ReadOnlyMemory<byte>> ExchangeAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken);
}
