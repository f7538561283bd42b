using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Cocona;
using Cocona.Application;
using Wemixvisor.Cli;
using Wemixvisor.Core;
using Wemixvisor.Core.Layout;
using Wemixvisor.Status;

namespace Wemixvisor.Commands;

[SupportedOSPlatform("linux")]
public sealed class StatusCommand(OptionsResolver resolver, ICoconaConsoleProvider console)
{
    [Command("status", Description = "Show the state of this home without changing anything: DAEMON_HOME, where current points, the applied upgrade, the upgrade in upgrade-info.json and whether its binary is in place, whether a wemixvisor runs for this home (pid, uptime, node restarts since it started), the node it started (pid, uptime; also a node left running by a killed wemixvisor) and the newest backup. Exits 0, or 2 on an invalid configuration.")]
    public int Status(
        SettingFlags settings,
        [Option("output", Description = OutputFormats.Description, ValueName = "text|json")] string output = "text")
    {
        var format = OutputFormats.Parse(output);
        var status = HomeStatus.Read(HomeLayout.From(resolver.Resolve(settings).Options));
        var now = DateTimeOffset.UtcNow;
        if (format == OutputFormat.Json)
        {
            OutputFormats.WriteJson(console.Output, Json(status, now));
        }
        else
        {
            WriteText(status);
        }
        return ExitCodes.Success;
    }

    private void WriteText(HomeStatus status)
    {
        var lines = new (string Label, string Value)[]
        {
            ("home", status.Layout.Home),
            ("current", CurrentText(status.Current)),
            ("applied", UpgradeReportView.Describe(status.Upgrade.Applied)),
            ("upgrade", UpgradeReportView.Summary(status.Upgrade)),
            ("wemixvisor", WemixvisorText(status)),
            ("node", NodeText(status)),
            ("last backup", BackupText(status)),
        };
        var width = lines.Max(line => line.Label.Length) + 3;
        foreach (var (label, value) in lines)
        {
            console.Output.WriteLine($"{(label + ":").PadRight(width)}{value}");
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
    };

    private static long? Seconds(TimeSpan? duration) => duration is { } value ? (long)Math.Round(value.TotalSeconds) : null;
}
