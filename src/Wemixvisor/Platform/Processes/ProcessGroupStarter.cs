using System.Diagnostics;
using Wemixvisor.Core.Ports;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Processes;

/// <summary>
/// Starts a program as the leader of a new session and process group, so that a signal to the group
/// reaches it and every child it starts. setsid(1) execs in place when its caller is not a group
/// leader (a freshly forked child never is), so the pid stays the program's and .NET still reaps it.
/// Every child wemixvisor starts goes through here, so that <see cref="StartedChildren"/> knows it.
/// </summary>
internal static class ProcessGroupStarter
{
    public const string SetsidPath = "/usr/bin/setsid";

    /// <summary>How long setsid(1) may take to make the child a group leader before <see cref="Start"/> returns anyway.</summary>
    private static readonly TimeSpan GroupLeaderTimeout = TimeSpan.FromSeconds(2);

    public static Process Start(ProcessLaunch launch)
    {
        var info = new ProcessStartInfo(SetsidPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = false,
            RedirectStandardOutput = launch.CaptureOutput,
            RedirectStandardError = launch.CaptureOutput,
            WorkingDirectory = launch.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add("--");
        info.ArgumentList.Add(launch.Program);
        foreach (var argument in launch.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in launch.ExtraEnvironment)
        {
            info.Environment[key] = value;
        }
        var process = StartedChildren.Start(() => Process.Start(info) ?? throw new InvalidOperationException($"cannot start {launch.Program}"));
        WaitUntilGroupLeader(process.Id);
        return process;
    }

    /// <summary>
    /// Process.Start returns once setsid(1) is executing, a moment before it has called setsid(2): a signal to
    /// the group sent in between finds no such group (ESRCH) and is lost. So wait (about a millisecond) until
    /// the child leads its group, or has ended, or <see cref="GroupLeaderTimeout"/> passed.
    /// </summary>
    private static void WaitUntilGroupLeader(int pid)
    {
        var elapsed = Stopwatch.StartNew();
        while (ProcStat.Read(pid) is { IsZombie: false } stat && stat.ProcessGroup != pid && elapsed.Elapsed < GroupLeaderTimeout)
        {
            Thread.Sleep(1);
        }
    }

    /// <summary>Signals the group led by <paramref name="pgid"/>; false when nothing of it is left.</summary>
    public static bool Signal(int pgid, NodeSignal signal) => Libc.SignalGroup(pgid, (int)signal);
}
