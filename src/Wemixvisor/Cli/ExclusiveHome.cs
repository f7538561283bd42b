using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Layout;
using Wemixvisor.Platform.Locking;

namespace Wemixvisor.Cli;

/// <summary>
/// For commands that change the node's data (<c>backup create|restore|prune</c>): takes the instance lock of the
/// home for the command's whole duration, so no <c>run</c> can start meanwhile, and refuses with exit code 4
/// while a wemixvisor, or a node a killed wemixvisor left behind, uses the home.
/// </summary>
internal static class ExclusiveHome
{
    /// <param name="purpose">What the command is about to do, for the refusal ("backup create").</param>
    /// <exception cref="Cocona.CommandExitedException">The home is not initialised (2) or in use (4).</exception>
    public static InstanceLock Acquire(HomeLayout layout, string purpose, ILoggerFactory loggers)
    {
        if (!Directory.Exists(layout.Root))
        {
            throw CliErrors.InvalidUsage($"{layout.Root} does not exist: run `wemixvisor init <path-to-binary>` first");
        }
        try
        {
            return InstanceLock.AcquireWithNodeStopped(layout, loggers.CreateLogger<InstanceLock>());
        }
        catch (InstanceLockedException e)
        {
            throw CliErrors.AlreadyRunning($"{e.Message}; {purpose} needs the node stopped: stop that wemixvisor first (for example with systemctl stop)");
        }
        catch (NodeStillRunningException e)
        {
            throw CliErrors.AlreadyRunning(
                $"the node (pid {e.Pid}) started by an earlier wemixvisor for {layout.Home} still runs; {purpose} needs it stopped: " +
                $"stop it (kill -TERM -{e.Pid}), or start `wemixvisor run`, which stops it first");
        }
        catch (IOException e)
        {
            throw CliErrors.InvalidUsage(e.Message);
        }
    }
}
