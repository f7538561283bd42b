using System.Diagnostics;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Processes;

/// <summary>What to start: a program, its argument list (never a shell string), and its surroundings.</summary>
internal sealed record ProcessLaunch(string Program, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string> ExtraEnvironment { get; init; } = new Dictionary<string, string>();
    /// <summary>False: stdin/stdout/stderr are inherited (the node). True: stdout/stderr are piped to the caller (hooks).</summary>
    public bool CaptureOutput { get; init; }
}

/// <summary>
/// Starts a program as the leader of a new session and process group, so that a signal to the group
/// reaches it and every child it starts. setsid(1) execs in place when its caller is not a group
/// leader (a freshly forked child never is), so the pid stays the program's and .NET still reaps it.
/// </summary>
internal static class ProcessGroupStarter
{
    public const string SetsidPath = "/usr/bin/setsid";

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
        return Process.Start(info) ?? throw new InvalidOperationException($"cannot start {launch.Program}");
    }

    /// <summary>Signals the group led by <paramref name="pgid"/>; false when nothing of it is left.</summary>
    public static bool Signal(int pgid, int signal) => Libc.SignalGroup(pgid, signal);
}
