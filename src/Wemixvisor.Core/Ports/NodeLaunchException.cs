namespace Wemixvisor.Core.Ports;

/// <summary>The node could not be started; the message says why.</summary>
public sealed class NodeLaunchException(string message, Exception? inner = null) : Exception(message, inner);
