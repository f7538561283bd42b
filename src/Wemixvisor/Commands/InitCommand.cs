using System.Runtime.Versioning;
using Cocona;
using Cocona.Application;
using Microsoft.Extensions.Logging;
using Wemixvisor.Cli;
using Wemixvisor.Core;
using Wemixvisor.Core.Layout;
using Wemixvisor.Logging;
using Wemixvisor.Platform.Installation;

namespace Wemixvisor.Commands;

[SupportedOSPlatform("linux")]
public sealed class InitCommand(OptionsResolver resolver, IProcessEnvironment environment, ICoconaConsoleProvider console, ILogger<InitCommand> logger)
{
    [Command("init", Description = "Create $DAEMON_HOME/wemixvisor (genesis/bin, upgrades/), install the node binary as genesis/bin/$DAEMON_NAME and link current -> genesis. Running it again with the same binary changes nothing; a different binary is refused (exit 2) unless --force.")]
    public int Init(
        [Argument("path-to-binary", Description = "the node binary to install as the genesis version")] string binary,
        SettingFlags settings,
        [Option("force", Description = "replace a different genesis binary that is already installed")] bool force = false)
    {
        var options = resolver.Resolve(settings).Options;
        var layout = HomeLayout.From(options);
        var source = Path.GetFullPath(binary, environment.WorkingDirectory);
        try
        {
            if (BinaryInstaller.CheckSource(source) is { } problem)
            {
                throw new InstallRefusedException(problem);
            }
            Directory.CreateDirectory(layout.UpgradesDir);
            LoggingSetup.Apply(options); // The log file can go into the new layout now.
            var outcome = BinaryInstaller.Install(source, layout.GenesisBinary, force);
            CliLog.GenesisBinary(logger, layout.GenesisBinary, outcome.ToString(), source);
            console.Output.WriteLine(outcome switch
            {
                InstallOutcome.Installed => $"installed {layout.GenesisBinary} (from {source})",
                InstallOutcome.Replaced => $"replaced {layout.GenesisBinary} (from {source})",
                _ => $"{layout.GenesisBinary} is already installed and identical to {source}",
            });

            var (link, target) = CurrentLink.EnsureGenesis(layout);
            CliLog.CurrentLink(logger, layout.Current, target, link.ToString());
            console.Output.WriteLine(link switch
            {
                LinkOutcome.Created => $"linked {layout.Current} -> {target}",
                LinkOutcome.AlreadyThere => $"{layout.Current} -> {target} already",
                _ => $"{layout.Current} -> {target} left as it is (an upgrade is applied)",
            });
        }
        catch (InstallRefusedException e)
        {
            throw CliErrors.InvalidUsage($"cannot initialise {layout.Root}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliErrors.InvalidUsage($"cannot initialise {layout.Root}: {e.Message}");
        }
        return ExitCodes.Success;
    }
}
