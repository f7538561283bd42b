using System.Globalization;
using System.Runtime.Versioning;
using Cocona;
using Cocona.Application;
using Microsoft.Extensions.Logging;
using Wemixvisor.Cli;
using Wemixvisor.Core;
using Wemixvisor.Core.Configuration;
using Wemixvisor.Core.Downloads;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Schedule;
using Wemixvisor.Platform.Installation;
using Wemixvisor.Platform.Schedule;
using Wemixvisor.Status;

namespace Wemixvisor.Commands;

[SupportedOSPlatform("linux")]
public sealed class AddUpgradeCommand(OptionsResolver resolver, IProcessEnvironment environment, ICoconaConsoleProvider console, ILogger<AddUpgradeCommand> logger)
{
    [Command("add-upgrade", Description = "Install a node binary for an upgrade, schedule the upgrade at a block height, or both. <path-to-binary> is copied atomically to upgrades/<name>/bin/$DAEMON_NAME (made executable); the same binary again changes nothing, a different one already there is refused (exit 2) unless --force. --height H adds the upgrade as pending at height H to $DAEMON_HOME/wemixvisor/schedule.json, for nodes that write no upgrade-info.json (geth-style nodes such as gstable); without <path-to-binary> the binary must already be installed. A height that is not a whole number above 0 and above the applied upgrade's, that another upgrade already has, or a name already pending or applied in the schedule, is refused with exit 2 and nothing is changed; a failed or rolled-back upgrade added again is pending again. An http(s) URL instead of <path-to-binary> (with ?checksum=sha256:HEX in it or --checksum) downloads, verifies and installs the binary now (exit 3 when that fails), or with --height records the URL in the schedule entry, for run (DAEMON_ALLOW_DOWNLOAD_BINARIES=true) or prepare-upgrade to download. Safe while wemixvisor runs. Needs an initialised home (wemixvisor init).")]
    public async Task<int> AddUpgrade(
        [Argument("name", Description = "the upgrade's name as upgrade-info.json or the schedule will give it: letters, digits, '.', '_', '+' and '-', starting with a letter or digit")] string name,
        SettingFlags settings,
        [Argument("path-to-binary", Description = "the new node binary, or an http(s) URL to download it from; may be left out with --height when upgrades/<name>/bin/$DAEMON_NAME is in place")] string? binary = null,
        [Option("height", Description = "schedule the upgrade at this block height (a whole number above 0 and above the applied upgrade's height)", ValueName = "H")] string? height = null,
        [Option("force", Description = "replace a different binary that is already installed for this upgrade")] bool force = false,
        [Option("checksum", Description = "the checksum of the binary at the URL: sha256:<hex> or sha512:<hex>", ValueName = "sha256:HEX")] string? checksum = null)
    {
        if (!UpgradeName.TryParse(name, out var parsed, out var nameError))
        {
            throw CliErrors.InvalidUsage(nameError);
        }
        var upgrade = parsed.Value;
        var scheduledHeight = height is null ? (long?)null : ParseHeight(height);
        if (binary is null && scheduledHeight is null)
        {
            throw CliErrors.InvalidUsage("add-upgrade needs <path-to-binary> to install a binary, --height H to schedule an installed one, or both; see 'wemixvisor add-upgrade --help'");
        }
        if (binary is null && force)
        {
            throw CliErrors.InvalidUsage("--force replaces an installed binary: it needs <path-to-binary>");
        }
        var source = IsUrl(binary) ? ParseSource(binary!, checksum, force) : null;
        if (source is null && checksum is not null)
        {
            throw CliErrors.InvalidUsage("--checksum goes with a URL to download the binary from");
        }
        var options = resolver.Resolve(settings).Options;
        var layout = HomeLayout.From(options);
        if (!Directory.Exists(layout.Root))
        {
            throw CliErrors.InvalidUsage($"{layout.Root} does not exist: run `wemixvisor init <path-to-binary>` first");
        }
        if (source is not null)
        {
            return await FromUrl(options, layout, upgrade, source, scheduledHeight);
        }

        var store = ScheduleStore.For(layout);
        if (scheduledHeight is { } checkedHeight)
        {
            // Everything that can refuse the schedule change is checked before the binary is installed, so a refusal changes nothing.
            CheckSchedulable(layout, store, upgrade, checkedHeight, binaryGiven: binary is not null);
        }
        if (binary is not null)
        {
            Install(layout, upgrade, binary, force);
        }
        if (scheduledHeight is { } at)
        {
            Schedule(layout, store, upgrade, at, installed: binary is not null);
        }
        return ExitCodes.Success;
    }

    private static bool IsUrl(string? text) =>
        text is not null && (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase));

    private static BinarySource ParseSource(string url, string? checksum, bool force)
    {
        if (force)
        {
            throw CliErrors.InvalidUsage("--force replaces an installed binary with a local file; to download another binary, remove the installed one first");
        }
        return BinarySource.TryParse(url, checksum, out var source, out var error) ? source : throw CliErrors.InvalidUsage(error);
    }

    /// <summary>Without a height the binary is downloaded now; with one the URL is recorded in the schedule entry.</summary>
    private async Task<int> FromUrl(WemixvisorOptions options, HomeLayout layout, UpgradeName upgrade, BinarySource source, long? height)
    {
        if (height is not { } at)
        {
            return await StageNow.RunAsync(options, layout, upgrade, new BinaryLocation.Found(source), console, logger);
        }
        var store = ScheduleStore.For(layout);
        CheckSchedulable(layout, store, upgrade, at, binaryGiven: true);
        Schedule(layout, store, upgrade, at, installed: false, source);
        console.Output.WriteLine(UpgradeReport.CheckBinary(layout, upgrade).Problem is null
            ? $"its binary is already in place at {layout.UpgradeBinary(upgrade)}"
            : $"its binary will be downloaded from {source.Shown} by run (with DAEMON_ALLOW_DOWNLOAD_BINARIES=true), or now with: wemixvisor prepare-upgrade {upgrade}");
        return ExitCodes.Success;
    }

    private static long ParseHeight(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw CliErrors.InvalidUsage($"--height \"{text}\": must be a whole number greater than 0 (a block height)");

    private static void CheckSchedulable(HomeLayout layout, ScheduleStore store, UpgradeName upgrade, long height, bool binaryGiven)
    {
        var schedule = store.Read() switch
        {
            ScheduleFile.Valid valid => valid.Schedule,
            ScheduleFile.Invalid invalid => throw CliErrors.InvalidUsage(store.Problem(invalid.Reason)),
            _ => UpgradeSchedule.Empty,
        };
        if (schedule.Add(upgrade, height, AppliedMarker.Read(layout), DateTimeOffset.UtcNow) is ScheduleEdit.Refused refused)
        {
            throw CliErrors.InvalidUsage($"cannot schedule upgrade {upgrade}: {refused.Reason}");
        }
        if (!binaryGiven && UpgradeReport.CheckBinary(layout, upgrade).Problem is { } problem)
        {
            throw CliErrors.InvalidUsage($"cannot schedule upgrade {upgrade}: {problem}");
        }
    }

    private void Install(HomeLayout layout, UpgradeName upgrade, string binary, bool force)
    {
        var source = Path.GetFullPath(binary, environment.WorkingDirectory);
        var destination = layout.UpgradeBinary(upgrade);
        try
        {
            var outcome = BinaryInstaller.Install(source, destination, force);
            CliLog.UpgradeBinary(logger, upgrade.Value, destination, outcome.ToString(), source);
            console.Output.WriteLine(outcome switch
            {
                InstallOutcome.Installed => $"installed {destination} (from {source})",
                InstallOutcome.Replaced => $"replaced {destination} (from {source})",
                _ => $"{destination} is already installed and identical to {source}",
            });
        }
        catch (InstallRefusedException e)
        {
            throw CliErrors.InvalidUsage($"cannot add upgrade {upgrade}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliErrors.InvalidUsage($"cannot add upgrade {upgrade}: {e.Message}");
        }
    }

    private void Schedule(HomeLayout layout, ScheduleStore store, UpgradeName upgrade, long height, bool installed, BinarySource? source = null)
    {
        // Checked again under the schedule's lock: the schedule or the applied upgrade may have changed since the first check.
        var update = store.Update(schedule => schedule.Add(upgrade, height, AppliedMarker.Read(layout), DateTimeOffset.UtcNow, source));
        var unchanged = installed ? "; the binary is installed, the schedule is unchanged" : "";
        switch (update)
        {
            case ScheduleUpdate.Saved { Before: var before }:
                var previous = before.Find(upgrade);
                ScheduleLog.Scheduled(logger, upgrade.Value, height, store.Path, previous?.ToString() ?? "not scheduled");
                console.Output.WriteLine(previous is null
                    ? $"scheduled upgrade {upgrade} at height {height} in {store.Path}"
                    : $"scheduled upgrade {upgrade} at height {height} in {store.Path} (it was {ScheduleStatuses.Text(previous.Status)} at height {previous.Height}: {previous.Reason})");
                break;
            case ScheduleUpdate.Refused refused:
                throw CliErrors.InvalidUsage($"cannot schedule upgrade {upgrade}: {refused.Reason}{unchanged}");
            case ScheduleUpdate.Unusable unusable:
                throw CliErrors.InvalidUsage(unusable.Problem + unchanged);
        }
    }
}
