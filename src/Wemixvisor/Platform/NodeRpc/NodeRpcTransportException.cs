namespace Wemixvisor.Platform.NodeRpc;

/// <summary>A transport could not carry a call; the client turns it into a <see cref="Core.Ports.NodeRpcException"/>.</summary>
internal sealed class NodeRpcTransportException(string reason, Exception? inner = null) : Exception(reason, inner);
