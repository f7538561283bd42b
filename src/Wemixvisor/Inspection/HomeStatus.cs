using Wemixvisor.Core.Layout;
using Wemixvisor.Hosting;
using Wemixvisor.Platform.Backup;
using Wemixvisor.Platform.Processes;

namespace Wemixvisor.Inspection;

/// <summary>Where <c>current</c> points: the link's text and the directory it resolves to, or why it does not.</summary>
internal sealed record CurrentLinkStatus(string Path, string? Target, string? Resolved, string? Problem)
{
    public static CurrentLinkStatus Read(HomeLayout layout)
    {
        var link = new FileInfo(layout.Current);
        if (link.LinkTarget is { } target)
        {
            var resolved = System.IO.Path.GetFullPath(target, layout.Root);
            return Directory.Exists(resolved)
                ? new CurrentLinkStatus(layout.Current, target, resolved, null)
                : new CurrentLinkStatus(layout.Current, target, null, $"points to {resolved}, which does not exist");
        }
        return Directory.Exists(layout.Current)
            ? new CurrentLinkStatus(layout.Current, null, layout.Current, "is a directory, not a symlink")
            : new CurrentLinkStatus(layout.Current, null, null, "does not exist: run `wemixvisor init <path-to-binary>` first");
    }
}

/// <summary>The wemixvisor holding the instance lock: its pid, how long it has run, and what its <c>run-status.json</c> says (null when it is not a <c>run</c>, or wrote none).</summary>
internal sealed record InstanceStatus(int Pid, TimeSpan? Uptime, RunStatus? Run);

/// <summary>Everything <c>wemixvisor status</c> reports about one home, read without disturbing a running instance.</summary>
internal sealed record HomeStatus(
    HomeLayout Layout,
    CurrentLinkStatus Current,
    UpgradeReport Upgrade,
    InstanceStatus? Wemixvisor,
    string? WemixvisorProblem,
    NodeStatus? Node,
    BackupRecord? LastBackup,
    string? BackupProblem)
{
    /// <summary>A recorded node runs while no wemixvisor does: a killed wemixvisor left it; the next <c>run</c> stops it first.</summary>
    public bool NodeOrphaned => Node is { Alive: true } && Wemixvisor is null && WemixvisorProblem is null;

    public static HomeStatus Read(HomeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        InstanceStatus? instance = null;
        string? instanceProblem = null;
        try
        {
            if (InstanceProbe.HolderPid(layout) is { } pid)
            {
                var run = RunStatus.Read(layout) is { } status && status.Pid == pid ? status : null;
                instance = new InstanceStatus(pid, ProcStat.Read(pid) is { } stat ? ProcessAge.Of(stat) : null, run);
            }
        }
        catch (IOException e)
        {
            instanceProblem = e.Message;
        }

        BackupRecord? lastBackup = null;
        string? backupProblem = null;
        try
        {
            lastBackup = new BackupStore(layout.BackupDir).List().FirstOrDefault();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            backupProblem = $"cannot list {layout.BackupDir}: {e.Message}";
        }

        return new HomeStatus(layout, CurrentLinkStatus.Read(layout), UpgradeReport.Read(layout), instance, instanceProblem, NodeStatus.Read(layout), lastBackup, backupProblem);
    }
}
