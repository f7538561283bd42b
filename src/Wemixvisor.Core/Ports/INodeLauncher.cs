namespace Wemixvisor.Core.Ports;

/// <summary>Starts the node binary <c>current/bin/$DAEMON_NAME</c> (resolved at each launch) with the node arguments.</summary>
public interface INodeLauncher
{
    /// <summary>Launches the node in its own process group. Throws <see cref="NodeLaunchException"/> when it cannot be started.</summary>
    INodeProcess Launch();
}
