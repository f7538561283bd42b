using System.Runtime.Versioning;
using Cocona;
using Cocona.Application;
using Microsoft.Extensions.Logging;
using Wemixvisor.Cli;
using Wemixvisor.Core;
using Wemixvisor.Core.Layout;
using Wemixvisor.Platform.Installation;

namespace Wemixvisor.Commands;

[SupportedOSPlatform("linux")]
public sealed class AddUpgradeCommand(OptionsResolver resolver, IProcessEnvironment environment, ICoconaConsoleProvider console, ILogger<AddUpgradeCommand> logger)
{
    [Command("add-upgrade", Description = "Install a node binary for an upgrade: copies it atomically to upgrades/<name>/bin/$DAEMON_NAME (made executable) and prints the destination. Safe while wemixvisor runs. The same binary again changes nothing; a different binary already there is refused (exit 2) unless --force. Needs an initialised home (wemixvisor init).")]
    public int AddUpgrade(
        [Argument("name", Description = "the upgrade's name as upgrade-info.json will give it: letters, digits, '.', '_', '+' and '-', starting with a letter or digit")] string name,
        [Argument("path-to-binary", Description = "the new node binary")] string binary,
        SettingFlags settings,
        [Option("force", Description = "replace a different binary that is already installed for this upgrade")] bool force = false)
    {
        if (!UpgradeName.TryParse(name, out var upgrade, out var nameError))
        {
            throw CliErrors.InvalidUsage(nameError);
        }
        var options = resolver.Resolve(settings).Options;
        var layout = HomeLayout.From(options);
        if (!Directory.Exists(layout.Root))
        {
            throw CliErrors.InvalidUsage($"{layout.Root} does not exist: run `wemixvisor init <path-to-binary>` first");
        }
        var source = Path.GetFullPath(binary, environment.WorkingDirectory);
        var destination = layout.UpgradeBinary(upgrade.Value);
        try
        {
            var outcome = BinaryInstaller.Install(source, destination, force);
            CliLog.UpgradeBinary(logger, upgrade.Value.Value, destination, outcome.ToString(), source);
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
        return ExitCodes.Success;
    }
}
