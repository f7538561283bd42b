namespace Wemixvisor.Core.Ports;

/// <summary>
/// The node's JSON-RPC: its chain head and its place in the WBFT validator set. Every call is bounded by the
/// client's own timeout; a failure of any kind (unreachable, refused, timed out, a malformed answer, an error
/// answer) throws <see cref="NodeRpcException"/>. A cancelled <see cref="CancellationToken"/> throws
/// <see cref="OperationCanceledException"/> as usual.
/// </summary>
public interface INodeRpc
{
    /// <summary>Where the node is reached, for logs: <c>ipc /path/node.ipc</c> or the URL without credentials.</summary>
    string Endpoint { get; }

    /// <summary>The height of the chain head (<c>eth_blockNumber</c>).</summary>
    Task<long> BlockNumberAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The address the node signs blocks with (<c>istanbul_nodeAddress</c>), as the node writes it;
    /// null when the node has no <c>istanbul</c> namespace on this endpoint.
    /// </summary>
    Task<string?> NodeAddressAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The validators at the chain head (<c>istanbul_getValidators("latest")</c>) in the order the node returns
    /// them, which is the same on every node; null when the node has no <c>istanbul</c> namespace on this endpoint.
    /// </summary>
    Task<IReadOnlyList<string>?> ValidatorsAsync(CancellationToken cancellationToken);

    /// <summary>When block <paramref name="number"/> was made: its <c>timestamp</c> (<c>eth_getBlockByNumber</c>), in whole seconds.</summary>
    Task<DateTimeOffset> BlockTimestampAsync(long number, CancellationToken cancellationToken);
}
