using System.Globalization;
using System.Reactive.Concurrency;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Cocona;
using Cocona.Application;
using Microsoft.Extensions.Logging;
using Wemixvisor.Cli;
using Wemixvisor.Core;
using Wemixvisor.Core.Layout;
using Wemixvisor.Platform.Backup;
using Wemixvisor.Platform.Signals;

namespace Wemixvisor.Commands;

/// <summary>Registers <c>wemixvisor backup &lt;sub-command&gt;</c>.</summary>
[HasSubCommands(typeof(BackupCommand), BackupCommand.Name, Description = BackupCommand.GroupDescription)]
public sealed class BackupCommandGroup;

/// <summary>
/// <c>backup list|create|restore|prune</c>. The commands that change backups or data hold the instance lock
/// while they work, so they refuse (exit 4) while a wemixvisor runs for the home and no <c>run</c> can start meanwhile.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class BackupCommand(OptionsResolver resolver, ICoconaConsoleProvider console, ILoggerFactory loggers)
{
    public const string Name = "backup";

    public const string GroupDescription =
        "List, create, restore and prune backups of $DAEMON_DATA_DIR in $DAEMON_DATA_BACKUP_DIR. create, restore and prune refuse (exit 4) while a wemixvisor runs for this home.";

    [Command("list", Description = "List the complete backups, newest first: id, upgrade (or manual), height, creation time (UTC) and size. Safe while wemixvisor runs.")]
    public int List(
        SettingFlags settings,
        [Option("output", Description = OutputFormats.Description, ValueName = "text|json")] string output = "text")
    {
        var format = OutputFormats.Parse(output);
        var options = resolver.Resolve(settings).Options;
        IReadOnlyList<BackupRecord> backups;
        try
        {
            backups = new BackupStore(options.BackupDir).List();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliErrors.InvalidUsage($"cannot list the backups in {options.BackupDir}: {e.Message}");
        }
        if (format == OutputFormat.Json)
        {
            var json = new JsonObject
            {
                ["backup_dir"] = options.BackupDir,
                ["backups"] = new JsonArray(backups.Select(backup => (JsonNode)Json(backup)).ToArray()),
            };
            OutputFormats.WriteJson(console.Output, json);
            return ExitCodes.Success;
        }
        if (backups.Count == 0)
        {
            console.Output.WriteLine($"no backups in {options.BackupDir}");
            return ExitCodes.Success;
        }
        var rows = backups.Select(backup => new[]
        {
            backup.Id,
            backup.Upgrade ?? "manual",
            backup.Height?.ToString(CultureInfo.InvariantCulture) ?? "-",
            Quantities.Time(backup.CreatedUtc),
            Quantities.Bytes(backup.TotalBytes),
        }).Prepend(["ID", "UPGRADE", "HEIGHT", "CREATED", "SIZE"]).ToList();
        var widths = Enumerable.Range(0, 4).Select(column => rows.Max(row => row[column].Length) + 2).ToArray();
        foreach (var row in rows)
        {
            console.Output.WriteLine(string.Concat(row.Take(4).Select((cell, column) => cell.PadRight(widths[column]))) + row[4]);
        }
        return ExitCodes.Success;
    }

    [Command("create", Description = "Back up $DAEMON_DATA_DIR now into $DAEMON_DATA_BACKUP_DIR/<UTC time>-manual/ (checked for free space first). The node must be stopped: refused with exit 4 while a wemixvisor runs for this home. Ctrl-C stops it and removes the partial copy.")]
    public int Create(SettingFlags settings)
    {
        var options = resolver.Resolve(settings).Options;
        var layout = HomeLayout.From(options);
        using var held = ExclusiveHome.Acquire(layout, "backup create", loggers);
        using var signals = new StopSignals();
        var engine = Engine(layout);
        try
        {
            if (engine.LocationProblem() is { } location)
            {
                throw CliErrors.InvalidUsage(location);
            }
            if (engine.CheckSpace(engine.MeasureData(signals.Token)).Problem is { } space)
            {
                throw CliErrors.InvalidUsage(space);
            }
            var backup = engine.Create(BackupLabel.Manual, signals.Token);
            console.Output.WriteLine($"created backup {backup.Id}: {backup.Files} files, {Quantities.Bytes(backup.TotalBytes)} in {backup.Directory}");
            return ExitCodes.Success;
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine($"{CliErrors.Prefix}backup create interrupted; the partial copy was removed");
            return signals.ExitCode;
        }
        catch (BackupException e)
        {
            throw CliErrors.InvalidUsage(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliErrors.InvalidUsage($"backup of {layout.DataDir} into {options.BackupDir} failed: {e.Message}");
        }
    }

    [Command("restore", Description = "Replace $DAEMON_DATA_DIR with the data of backup <id> (see backup list). The copy is rebuilt next to the data directory and swapped in by rename; the replaced data is kept aside until the swap succeeded, then deleted. The node must be stopped: refused with exit 4 while a wemixvisor runs for this home.")]
    public int Restore(
        [Argument("id", Description = "the backup to restore, as backup list shows it")] string id,
        SettingFlags settings)
    {
        var options = resolver.Resolve(settings).Options;
        var layout = HomeLayout.From(options);
        using var held = ExclusiveHome.Acquire(layout, "backup restore", loggers);
        using var signals = new StopSignals();
        try
        {
            var backup = Engine(layout).Restore(id, signals.Token);
            console.Output.WriteLine($"restored {layout.DataDir} from backup {backup.Id}: {backup.Files} files, {Quantities.Bytes(backup.TotalBytes)}");
            return ExitCodes.Success;
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine($"{CliErrors.Prefix}backup restore interrupted before the swap; {layout.DataDir} is unchanged");
            return signals.ExitCode;
        }
        catch (BackupException e)
        {
            throw CliErrors.InvalidUsage(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliErrors.InvalidUsage($"restore of backup \"{id}\" into {layout.DataDir} failed: {e.Message}");
        }
    }

    [Command("prune", Description = "Remove all but the newest backups (and work directories left by interrupted backups). Refused with exit 4 while a wemixvisor runs for this home: an upgrade may be writing or restoring a backup.")]
    public int Prune(
        SettingFlags settings,
        [Option("keep", Description = "how many of the newest backups to keep (0 removes all); default DAEMON_BACKUP_KEEP", ValueName = "count")] string? keep = null)
    {
        int? given = null;
        if (keep is not null)
        {
            given = int.TryParse(keep, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw CliErrors.InvalidUsage($"--keep \"{keep}\": must be a whole number >= 0");
        }
        var options = resolver.Resolve(settings).Options;
        var layout = HomeLayout.From(options);
        var count = given ?? options.BackupKeep;
        using var held = ExclusiveHome.Acquire(layout, "backup prune", loggers);
        try
        {
            var engine = Engine(layout);
            var removed = engine.Prune(count);
            foreach (var backup in removed)
            {
                console.Output.WriteLine($"removed {backup.Id}");
            }
            console.Output.WriteLine($"kept {engine.List().Count} backups in {options.BackupDir} (keep {count}), removed {removed.Count}");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException)
        {
            throw CliErrors.InvalidUsage($"cannot prune the backups in {options.BackupDir}: {e.Message}");
        }
    }

    internal static JsonObject Json(BackupRecord backup) => new()
    {
        ["id"] = backup.Id,
        ["upgrade"] = backup.Upgrade,
        ["height"] = backup.Height,
        ["created_utc"] = backup.CreatedUtc,
        ["total_bytes"] = backup.TotalBytes,
        ["files"] = backup.Files,
        ["path"] = backup.Directory,
    };

    private BackupEngine Engine(HomeLayout layout) =>
        new(layout, new StatvfsFreeSpaceSource(), TaskPoolScheduler.Default, loggers.CreateLogger<BackupEngine>());
}
