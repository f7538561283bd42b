using System.ComponentModel;
using Microsoft.Extensions.Logging;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Ports;
using Wemixvisor.Platform.Files;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Processes;

/// <summary>
/// Starts <c>current/bin/$DAEMON_NAME</c>, resolved anew at each launch, as the leader of its own process
/// group with wemixvisor's stdio, working directory and environment, and records it for orphan detection.
/// </summary>
internal sealed class LinuxNodeLauncher(
    HomeLayout layout,
    IReadOnlyList<string> nodeArguments,
    NodeRecordStore records,
    ILogger<LinuxNodeLauncher> logger) : INodeLauncher
{
    public INodeProcess Launch()
    {
        var binary = layout.CurrentBinary;
        CheckExecutable(binary);
        System.Diagnostics.Process process;
        try
        {
            process = ProcessGroupStarter.Start(new ProcessLaunch(binary, nodeArguments));
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            throw new NodeLaunchException($"cannot start node binary {binary}: {e.Message}", e);
        }
        // Recorded before anything else: a wemixvisor killed before the record exists leaves an orphan nobody finds.
        var node = new LinuxNodeProcess(process, records, logger);
        logger.NodeStarted(binary, CurrentTarget(), node.Pid, string.Join(' ', nodeArguments));
        return node;
    }

    private static void CheckExecutable(string binary)
    {
        StatxBuffer? status;
        try
        {
            status = FileStatus.Get(binary);
        }
        catch (IOException e)
        {
            throw new NodeLaunchException($"cannot start node binary {binary}: {e.Message}", e);
        }
        if (status is not { } found)
        {
            throw new NodeLaunchException($"node binary {binary} does not exist");
        }
        if (!found.IsRegularFile)
        {
            throw new NodeLaunchException($"node binary {binary} is not a regular file");
        }
        if (!found.AnyExecuteBit)
        {
            throw new NodeLaunchException($"node binary {binary} is not executable (chmod +x {binary})");
        }
    }

    private string CurrentTarget()
    {
        try
        {
            return new FileInfo(layout.Current).LinkTarget ?? layout.Current;
        }
        catch (IOException)
        {
            return layout.Current;
        }
    }
}
