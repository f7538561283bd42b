using System.Runtime.Versioning;
using Cocona;
using Cocona.Application;
using Microsoft.Extensions.Logging;
using Wemixvisor.Cli;
using Wemixvisor.Core;
using Wemixvisor.Core.Downloads;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.Platform.Schedule;
using Wemixvisor.Status;

namespace Wemixvisor.Commands;

[SupportedOSPlatform("linux")]
public sealed class PrepareUpgradeCommand(OptionsResolver resolver, ICoconaConsoleProvider console, ILogger<PrepareUpgradeCommand> logger)
{
    [Command("prepare-upgrade", Description = "Download and verify the binary of the pending upgrade now (the one $DAEMON_DATA_DIR/upgrade-info.json names, else the next pending one in schedule.json), or of the upgrade <name>, and install it at upgrades/<name>/bin/$DAEMON_NAME, while the node keeps running. The URL comes from the upgrade plan's info ({\"binaries\": {\"linux/amd64\": \"URL?checksum=sha256:HEX\"}}, or a URL to such a document) or the schedule entry's url. Works without DAEMON_ALLOW_DOWNLOAD_BINARIES; DAEMON_DOWNLOAD_MUST_HAVE_CHECKSUM, WEMIXVISOR_ALLOW_INSECURE_DOWNLOAD and WEMIXVISOR_DOWNLOAD_MAX_SIZE apply. Exits 0 when the binary is in place (also when it already was), 3 with the reason when it cannot be staged, 2 on an invalid configuration.")]
    public async Task<int> PrepareUpgrade(
        SettingFlags settings,
        [Argument("name", Description = "the upgrade to prepare; by default the pending one")] string? name = null)
    {
        UpgradeName? wanted = null;
        if (name is not null)
        {
            wanted = UpgradeName.TryParse(name, out var parsed, out var nameError) ? parsed.Value : throw CliErrors.InvalidUsage(nameError);
        }
        var options = resolver.Resolve(settings).Options;
        var layout = HomeLayout.From(options);
        if (!Directory.Exists(layout.Root))
        {
            throw CliErrors.InvalidUsage($"{layout.Root} does not exist: run `wemixvisor init <path-to-binary>` first");
        }

        if (Find(layout, wanted, out var why) is not { } upgrade)
        {
            await console.Error.WriteLineAsync($"{CliErrors.Prefix}{why}");
            return ExitCodes.UpgradeFailed;
        }
        var binary = UpgradeReport.CheckBinary(layout, upgrade.Name);
        if (binary.Problem is null)
        {
            await console.Output.WriteLineAsync($"upgrade {upgrade.Name}: binary already in place at {binary.Path}");
            return ExitCodes.Success;
        }
        if (UpgradeBinaries.Locate(upgrade.Info, PlatformKey.Current) is BinaryLocation.None none)
        {
            await console.Error.WriteLineAsync($"{CliErrors.Prefix}upgrade {upgrade.Name}: {binary.Problem}; nothing to download: {none.Reason}");
            return ExitCodes.UpgradeFailed;
        }
        return await StageNow.RunAsync(options, layout, upgrade.Name, UpgradeBinaries.Locate(upgrade.Info, PlatformKey.Current), console, logger);
    }

    /// <summary>The plan of <paramref name="wanted"/>, or of the pending upgrade: the trigger's first, then the schedule's next.</summary>
    private static UpgradeInfo? Find(HomeLayout layout, UpgradeName? wanted, out string why)
    {
        var trigger = UpgradeReport.Read(layout);
        var store = ScheduleStore.For(layout);
        var schedule = store.Read() is ScheduleFile.Valid valid ? valid.Schedule : UpgradeSchedule.Empty;
        var scheduled = schedule.Pending(trigger.Applied)
            .Select(entry => new UpgradeInfo(entry.Name, entry.Height, null, entry.Source is { } source ? UpgradeBinaries.InfoFor(source) : ""))
            .ToList();
        why = "";
        if (wanted is { } name)
        {
            var found = trigger.Upgrade is { } named && named.Name == name ? named : scheduled.FirstOrDefault(upgrade => upgrade.Name == name);
            if (found is null)
            {
                why = $"no upgrade named {name} is in {layout.TriggerFile} or pending in {store.Path}";
            }
            return found;
        }
        var pending = trigger.State == TriggerState.Pending ? trigger.Upgrade : scheduled.FirstOrDefault();
        if (pending is null)
        {
            why = $"no upgrade is pending: {layout.TriggerFile} names none above the applied {trigger.Applied}, and {store.Path} has no pending entry";
        }
        return pending;
    }
}
