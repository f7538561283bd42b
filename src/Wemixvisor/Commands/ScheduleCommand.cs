using System.Runtime.Versioning;
using Cocona;
using Cocona.Application;
using Microsoft.Extensions.Logging;
using Wemixvisor.Cli;
using Wemixvisor.Core;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Status;
using Wemixvisor.Platform.Schedule;

namespace Wemixvisor.Commands;

/// <summary>Registers <c>wemixvisor schedule &lt;sub-command&gt;</c>.</summary>
[HasSubCommands(typeof(ScheduleCommand), ScheduleCommand.Name, Description = ScheduleCommand.GroupDescription)]
public sealed class ScheduleCommandGroup;

/// <summary><c>schedule list|cancel</c>: the upgrades scheduled at block heights in <c>$DAEMON_HOME/wemixvisor/schedule.json</c>.</summary>
[SupportedOSPlatform("linux")]
public sealed class ScheduleCommand(OptionsResolver resolver, ICoconaConsoleProvider console, ILogger<ScheduleCommand> logger)
{
    public const string Name = "schedule";

    public const string GroupDescription =
        "List or cancel the upgrades scheduled at block heights in $DAEMON_HOME/wemixvisor/schedule.json (added with add-upgrade --height). Safe while wemixvisor runs.";

    [Command("list", Description = "List the scheduled upgrades in height order: name, height, status (pending, applied, failed or rolled_back), when it last changed, the reason of a failure or rollback, and whether the binary upgrades/<name>/bin/$DAEMON_NAME is in place. Exits 2 when schedule.json is unusable, naming the file and the problem.")]
    public int List(
        SettingFlags settings,
        [Option("output", Description = OutputFormats.Description, ValueName = "text|json")] string output = "text")
    {
        var format = OutputFormats.Parse(output);
        var layout = HomeLayout.From(resolver.Resolve(settings).Options);
        var store = ScheduleStore.For(layout);
        var schedule = store.Read() switch
        {
            ScheduleFile.Valid valid => valid.Schedule,
            ScheduleFile.Invalid invalid => throw CliErrors.InvalidUsage(store.Problem(invalid.Reason)),
            _ => UpgradeSchedule.Empty,
        };
        var report = ScheduleReport.From(layout, schedule);
        if (format == OutputFormat.Json)
        {
            OutputFormats.WriteJson(console.Output, ScheduleView.Json(report));
            return ExitCodes.Success;
        }
        foreach (var line in ScheduleView.Lines(report))
        {
            console.Output.WriteLine(line);
        }
        return ExitCodes.Success;
    }

    [Command("cancel", Description = "Remove upgrade <name> from the schedule, whatever its status; its installed binary stays. Exits 2 when no upgrade of that name is scheduled or schedule.json is unusable.")]
    public int Cancel(
        [Argument("name", Description = "the scheduled upgrade's name, as schedule list shows it")] string name,
        SettingFlags settings)
    {
        if (!UpgradeName.TryParse(name, out var upgrade, out var nameError))
        {
            throw CliErrors.InvalidUsage(nameError);
        }
        var layout = HomeLayout.From(resolver.Resolve(settings).Options);
        var store = ScheduleStore.For(layout);
        if (!Directory.Exists(layout.Root))
        {
            throw CliErrors.InvalidUsage($"no upgrade named {upgrade} is scheduled: {layout.Root} does not exist");
        }
        switch (store.Update(schedule => schedule.Cancel(upgrade.Value)))
        {
            case ScheduleUpdate.Saved { Before: var before }:
                var removed = before.Find(upgrade.Value)!;
                var status = ScheduleStatuses.Text(removed.Status);
                ScheduleLog.Cancelled(logger, removed.Name.Value, removed.Height, status, store.Path);
                console.Output.WriteLine($"cancelled upgrade {removed.Name} at height {removed.Height} ({status}); its binary, if installed, stays");
                return ExitCodes.Success;
            case ScheduleUpdate.Refused refused:
                throw CliErrors.InvalidUsage($"{refused.Reason} in {store.Path}");
            case ScheduleUpdate.Unusable unusable:
                throw CliErrors.InvalidUsage(unusable.Problem);
            default:
                throw new InvalidOperationException("unknown schedule update");
        }
    }
}
