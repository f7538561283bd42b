namespace Wemixvisor.Core.Ports;

/// <summary>A call to the node's JSON-RPC failed. The message is one line naming the endpoint and the reason.</summary>
public sealed class NodeRpcException(string endpoint, string reason, Exception? inner = null)
    : Exception($"node RPC {endpoint}: {reason}", inner)
{
    /// <summary>The endpoint as <see cref="INodeRpc.Endpoint"/> shows it.</summary>
    public string Endpoint { get; } = endpoint;

    /// <summary>What went wrong, without the endpoint.</summary>
    public string Reason { get; } = reason;
}
