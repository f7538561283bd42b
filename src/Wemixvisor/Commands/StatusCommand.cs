using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Cocona;
using Cocona.Application;
using Wemixvisor.Cli;
using Wemixvisor.Core;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Supervision;
using Wemixvisor.Status;

namespace Wemixvisor.Commands;

[SupportedOSPlatform("linux")]
public sealed class StatusCommand(OptionsResolver resolver, ICoconaConsoleProvider console)
{
    [Command("status", Description = "Show the state of this home without changing anything: DAEMON_HOME, where current points, the applied upgrade, the upgrade in upgrade-info.json and whether its binary is in place, whether a wemixvisor runs for this home (pid, uptime, node restarts since it started), the node it started (pid, uptime; also a node left running by a killed wemixvisor), the newest backup, the probation of a new binary that has not shown yet that it works, the schedule of height-scheduled upgrades with the last result of each, the chain head read over the node's RPC (or why it could not be read) and, for the next scheduled upgrade, the validator slot, the switch block, the blocks left and an ETA at the observed block time. Exits 0, also when the node's RPC does not answer, or 2 on an invalid configuration.")]
    public async Task<int> Status(
        SettingFlags settings,
        [Option("output", Description = OutputFormats.Description, ValueName = "text|json")] string output = "text")
    {
        var format = OutputFormats.Parse(output);
        var options = resolver.Resolve(settings).Options;
        var layout = HomeLayout.From(options);
        var status = HomeStatus.Read(layout);
        var schedule = ScheduleOverview.Read(layout);
        var chain = await ChainStatus.ReadAsync(options, schedule.Next, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        if (format == OutputFormat.Json)
        {
            var json = Json(status, now);
            json["schedule"] = ScheduleView.Json(schedule);
            json["chain"] = ChainStatusView.Json(chain, now);
            OutputFormats.WriteJson(console.Output, json);
        }
        else
        {
            WriteText(status, schedule, chain, now);
        }
        return ExitCodes.Success;
    }

    private void WriteText(HomeStatus status, ScheduleOverview schedule, ChainStatus chain, DateTimeOffset now)
    {
        List<(string Label, string Value)> lines =
        [
            ("home", status.Layout.Home),
            ("current", CurrentText(status.Current)),
            ("applied", UpgradeReportView.Describe(status.Upgrade.Applied)),
            ("upgrade", UpgradeReportView.Summary(status.Upgrade)),
            .. ScheduleView.Summary(schedule).Select((line, index) => (index == 0 ? "schedule" : "", line)),
            .. ChainStatusView.Lines(chain, now),
            ("wemixvisor", WemixvisorText(status)),
            ("node", NodeText(status)),
            ("last backup", BackupText(status)),
            .. ProbationText(status) is { } probation ? [("probation", probation)] : Array.Empty<(string, string)>(),
        ];
        foreach (var line in LabelledLines.Format(lines, gap: 2))
        {
            console.Output.WriteLine(line);
        }
    }

    private static string CurrentText(CurrentLinkStatus current) => current switch
    {
        { Problem: { } problem, Target: { } target } => $"{current.Path} -> {target} {problem}",
        { Problem: { } problem } => $"{current.Path} {problem}",
        _ => $"{current.Target} ({current.Resolved})",
    };

    private static string WemixvisorText(HomeStatus status)
    {
        if (status.WemixvisorProblem is { } problem)
        {
            return $"unknown: {problem}";
        }
        if (status.Wemixvisor is not { } instance)
        {
            return "not running";
        }
        var text = $"running, pid {instance.Pid}" + (instance.Uptime is { } uptime ? $", up {Quantities.Duration(uptime)}" : "");
        return instance.Run is { } run
            ? text + $", since {Quantities.Time(run.StartedAt)}: {run.Restarts} restarts, {run.Upgrades} upgrades"
            : text + " (no run status: it is not `wemixvisor run`, or it has not started the node yet)";
    }

    private static string NodeText(HomeStatus status) => status.Node switch
    {
        null => "not running",
        { Alive: false } node => $"not running (the record of pid {node.Pid} is stale)",
        var node when status.NodeOrphaned =>
            $"running, pid {node.Pid}{UptimeText(node)}, left by a wemixvisor that is gone; `wemixvisor run` stops it before it starts a new one",
        var node => $"running, pid {node.Pid}{UptimeText(node)}",
    };

    private static string UptimeText(NodeStatus node) => node.Uptime is { } uptime ? $", up {Quantities.Duration(uptime)}" : "";

    private static string BackupText(HomeStatus status) => (status.LastBackup, status.BackupProblem) switch
    {
        (_, { } problem) => problem,
        (null, _) => $"none in {status.Layout.BackupDir}",
        ({ } backup, _) => $"{backup.Id} ({(backup.Upgrade is { } upgrade ? $"upgrade {upgrade}" : "manual")}, {Quantities.Time(backup.CreatedUtc)}, {Quantities.Bytes(backup.TotalBytes)})",
    };

    /// <summary>Shown only while a switched binary is on probation (or its record cannot be read).</summary>
    private static string? ProbationText(HomeStatus status)
    {
        if (status.ProbationProblem is { } problem)
        {
            return problem;
        }
        if (status.Probation is not { } probation)
        {
            return null;
        }
        var upgrade = probation.Upgrade;
        var text = $"upgrade {upgrade.Name} (height {upgrade.Height}) has not shown yet that it works; if it fails first, it is rolled back to {probation.Previous}"
            + (probation.Scheduled ? $" while the chain is below {upgrade.Height}" : "");
        return status.Wemixvisor is null ? text + "; the next `wemixvisor run` resumes the probation" : text;
    }

    private static JsonObject? ProbationJson(ProbationRecord? probation) => probation is null ? null : new JsonObject
    {
        ["upgrade"] = probation.Upgrade.Name.Value,
        ["height"] = probation.Upgrade.Height,
        ["previous"] = probation.Previous.Name?.Value,
        ["previous_height"] = probation.Previous.Height,
        ["backup_taken"] = probation.BackupTaken,
        ["scheduled"] = probation.Scheduled,
        ["ready_by_rpc"] = probation.ByRpc,
        ["baseline_height"] = probation.Baseline,
    };

    private static JsonObject Json(HomeStatus status, DateTimeOffset now) => new()
    {
        ["home"] = status.Layout.Home,
        ["current"] = new JsonObject
        {
            ["path"] = status.Current.Path,
            ["target"] = status.Current.Target,
            ["resolved"] = status.Current.Resolved,
            ["problem"] = status.Current.Problem,
        },
        ["applied"] = UpgradeReportView.Json(status.Upgrade.Applied),
        ["upgrade"] = UpgradeReportView.Json(status.Upgrade),
        ["wemixvisor"] = new JsonObject
        {
            ["running"] = status.Wemixvisor is not null,
            ["pid"] = status.Wemixvisor?.Pid,
            ["uptime_seconds"] = Seconds(status.Wemixvisor?.Uptime),
            ["started_at"] = status.Wemixvisor?.Run?.StartedAt,
            ["node_starts"] = status.Wemixvisor?.Run?.NodeStarts,
            ["restarts"] = status.Wemixvisor?.Run?.Restarts,
            ["upgrades"] = status.Wemixvisor?.Run?.Upgrades,
            ["last_transition"] = status.Wemixvisor?.Run?.LastTransition is { } transition
                ? new JsonObject { ["at"] = transition.At, ["from"] = transition.From, ["to"] = transition.To, ["event"] = transition.Event }
                : null,
            ["problem"] = status.WemixvisorProblem,
        },
        ["node"] = new JsonObject
        {
            ["running"] = status.Node is { Alive: true },
            ["pid"] = status.Node is { Alive: true } node ? node.Pid : null,
            ["uptime_seconds"] = Seconds(status.Node?.Uptime),
            ["started_at"] = status.Node?.Uptime is { } uptime ? now - uptime : null,
            ["orphaned"] = status.NodeOrphaned,
        },
        ["backup_dir"] = status.Layout.BackupDir,
        ["last_backup"] = status.LastBackup is { } backup ? BackupCommand.Json(backup) : null,
        ["backup_problem"] = status.BackupProblem,
        ["probation"] = ProbationJson(status.Probation),
        ["probation_problem"] = status.ProbationProblem,
    };

    private static long? Seconds(TimeSpan? duration) => duration is { } value ? (long)Math.Round(value.TotalSeconds) : null;
}
