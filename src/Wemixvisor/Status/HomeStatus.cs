using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Platform.Backup;
using Wemixvisor.Platform.Locking;
using Wemixvisor.Platform.Processes;
using Wemixvisor.Platform.Switching;

namespace Wemixvisor.Status;

/// <summary>Everything <c>wemixvisor status</c> reports about one home, read without disturbing a running instance.</summary>
internal sealed record HomeStatus(
    HomeLayout Layout,
    CurrentLinkStatus Current,
    UpgradeReport Upgrade,
    InstanceStatus? Wemixvisor,
    string? WemixvisorProblem,
    NodeStatus? Node,
    BackupRecord? LastBackup,
    string? BackupProblem,
    ProbationRecord? Probation,
    string? ProbationProblem)
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

        ProbationRecord? probation = null;
        string? probationProblem = null;
        try
        {
            probation = new ProbationJournal(layout, NullLogger<ProbationJournal>.Instance).Read();
        }
        catch (Exception e) when (e is JsonException or FormatException or IOException or UnauthorizedAccessException)
        {
            probationProblem = $"{layout.ProbationFile} cannot be read: {e.Message}";
        }

        return new HomeStatus(
            layout, CurrentLinkStatus.Read(layout), UpgradeReport.Read(layout), instance, instanceProblem, NodeStatus.Read(layout),
            lastBackup, backupProblem, probation, probationProblem);
    }
}
